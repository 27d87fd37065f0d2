/// The lines of a pasted log excerpt that name a failure: those with
/// EAGAIN or ENOMEM, with another errno beside words about creating a task,
/// with a program's known failure message, the kernel's pids line, a
/// start-up check, systemctl status's Tasks line or kubelet's PID pressure (a disk-full ENOSPC or a chmod EPERM is not one).
/// Repeated lines count once.
struct MessageExcerpt: Sendable {
    struct Line: Sendable, Hashable {
        var number: Int
        var text: String
    }

    /// The lines read, numbered from 1; one line is always read whole.
    var used: [Line]
    var total: Int
    /// No line qualified: the whole text was read as one message.
    var readWhole: Bool

    init(_ text: String) {
        var all = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        // The newline that ends the last line does not start another.
        if all.count > 1, all.last == "" { all.removeLast() }
        let numbered = all.enumerated().filter { !$0.element.isEmpty }.map {
            Line(number: $0.offset + 1, text: $0.element)
        }
        total = all.count
        guard numbered.count > 1 else {
            used = numbered.isEmpty ? [Line(number: 1, text: text)] : numbered
            readWhole = false
            return
        }
        var seen: Set<String> = []
        var chosen = numbered.filter { Self.matters($0.text) && seen.insert($0.text).inserted }
        // A traceback's frames that name the program (a path in its
        // package) are read beside the failure's line: the program's rule
        // needs both, and CPython prints them lines apart.
        if !chosen.isEmpty {
            let context = numbered.filter { Self.namesProgram($0.text) && seen.insert($0.text).inserted }
            if !context.isEmpty { chosen = (chosen + context).sorted { $0.number < $1.number } }
        }
        // With no task failure in the log, the OOM killer's lines are what
        // it reports (a dmesg's call trace would read as a fork's).
        if chosen.isEmpty { chosen = numbered.filter { OOMKillText.isLine($0.text) && seen.insert($0.text).inserted } }
        used = chosen.isEmpty ? numbered : chosen
        readWhole = chosen.isEmpty
    }

    /// The text of the lines read, one per line.
    var text: String { used.map(\.text).joined(separator: "\n") }

    /// A line that says which program's traceback this is, read only
    /// beside a line that names a failure (`ProgramCatalog.contextMarkers`).
    static func namesProgram(_ line: String) -> Bool {
        let lower = line.lowercased()
        return ProgramCatalog.contextMarkers.contains(where: lower.contains)
    }

    static func matters(_ line: String) -> Bool {
        let lower = line.lowercased()
        if KernelPidsLine.cause(in: line) != nil || BootstrapCheckLine.cause(in: line) != nil { return true }
        if CommitRefusalLine.reading(in: line) != nil { return true }
        if SystemdTasksLine.reading(in: line) != nil || KubeletPidsLine.kind(in: line) != nil { return true }
        if ProgramCatalog.rule(for: lower) != nil { return true }
        guard let errno = ErrnoInText.find(in: line) else { return false }
        return ["EAGAIN", "ENOMEM"].contains(errno) || TaskKindInText.kind(of: line) != .unknown
    }
}
