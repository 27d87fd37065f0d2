import Foundation

/// What an error text alone says: which errno, and whether a process or a
/// thread was being created (docs/kernel-facts.md §3 and §4 list the texts programs print).
struct ErrorMessage: Sendable, Hashable {
    var text: String
    var errno: String?
    var kind: CallKind
    /// A remark about the program the text comes from (Java, bash, Go...).
    var notes: [String]

    init(_ text: String) {
        self.text = text
        let lower = text.lowercased()
        var notes: [String] = []

        errno = Self.errno(in: text, lower: lower)
        if Self.threadWords.contains(where: lower.contains) {
            kind = .thread
        } else if Self.processWords.contains(where: lower.contains) {
            kind = .process
        } else {
            kind = .unknown
        }

        // docs/kernel-facts.md §3: HotSpot says "out of memory" for a thread that pthread_create
        // refused with EAGAIN, whatever the cause.
        if lower.contains("native thread") {
            if errno == nil || errno == "ENOMEM" { errno = "EAGAIN" }
            notes.append(
                "Java prints \"unable to create native thread\" when pthread_create returns EAGAIN (after 4 retries): despite OutOfMemoryError, memory is rarely the cause."
            )
        }
        if lower.contains("no child processes") {
            errno = "EAGAIN"
            notes.append(
                "bash prints \"fork: retry: No child processes\" while retrying a fork that failed with EAGAIN.")
        }
        if lower.contains("os thread") {
            notes.append(
                "Go creates threads with raw clone: the preload shim cannot see it; its ulimit -u hint is often wrong, check every EAGAIN cause below."
            )
        }
        if lower.contains("can't save in background") {
            notes.append(
                "Redis forks its whole dataset for BGSAVE: with vm.overcommit_memory 2 (or 0 on kernels before 5.2) a large parent is refused (commit_limit)."
            )
        }
        self.notes = notes
    }

    static let threadWords = ["thread", "pthread_create"]
    static let processWords = [
        "fork", "spawn", "cannot run program", "clone", "popen", "system(", "exec", "subprocess",
    ]

    private static func errno(in text: String, lower: String) -> String? {
        for entry in ErrnoName.table {
            if text.contains(entry.name) || lower.contains(entry.message.lowercased()) { return entry.name }
        }
        if let number = number(in: lower) { return ErrnoName.name(for: number) }
        return nil
    }

    /// `error=12`, `errno=11`, `[Errno 11]`, `errno 12`, or the bare number.
    private static func number(in lower: String) -> Int? {
        let trimmed = lower.trimmingCharacters(in: .whitespaces)
        if let bare = Int(trimmed) { return bare }
        for marker in ["error=", "errno=", "errno ", "error "] {
            guard let range = lower.range(of: marker) else { continue }
            let digits = lower[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
            if let number = Int(digits) { return number }
        }
        return nil
    }
}
