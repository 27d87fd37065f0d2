/// A refused task creation as strace prints it: `clone(…, flags=…) = -1
/// EAGAIN (…)`, `clone3({flags=…}, 88) = -1 …`, `vfork() = -1 ENOMEM …`,
/// with `strace -f`'s `[pid N] ` (or `-o`'s `N  `) and `-t`'s time before
/// it, and a call `strace -f` split into `<unfinished ...>` and `<... clone
/// resumed>` joined again by pid. The flags say what the call made: with
/// CLONE_THREAD a thread (pthread_create's clone3), without it a process;
/// CLONE_NEW* flags name the namespace counts that give ENOSPC
/// (docs/kernel-facts.md §11.77, §11.140).
struct StraceCall: Sendable, Hashable {
    var pid: Int?
    var call: String
    var flags: [String]
    var errno: String

    static let calls = ["clone3", "clone", "vfork", "fork"]

    var makesThread: Bool { flags.contains("CLONE_THREAD") }
    var namespaceFlags: [NamespaceFlag] { NamespaceFlag.all.filter { flags.contains($0.flag) } }

    /// The refused calls in `text`, in order.
    static func refused(in text: String) -> [StraceCall] {
        var pending: [Int: (call: String, flags: [String])] = [:]
        var found: [StraceCall] = []
        for raw in text.split(whereSeparator: \.isNewline) {
            let (pid, line) = strip(Substring(raw))
            if let resumed = resumedCall(line) {
                let started = pending.removeValue(forKey: pid ?? -1)
                let flags = (started?.call == resumed ? started?.flags : nil) ?? flagsIn(line)
                if let errno = refusal(line) {
                    found.append(StraceCall(pid: pid, call: resumed, flags: flags, errno: errno))
                }
                continue
            }
            guard let call = calls.first(where: { line.hasPrefix($0 + "(") }) else { continue }
            if line.contains("<unfinished ...>") {
                pending[pid ?? -1] = (call, flagsIn(line))
            } else if let errno = refusal(line) {
                found.append(StraceCall(pid: pid, call: call, flags: flagsIn(line), errno: errno))
            }
        }
        return found
    }

    /// The line without strace's pid and time prefixes.
    private static func strip(_ line: Substring) -> (Int?, Substring) {
        var rest = line.drop { $0 == " " }
        var pid: Int?
        if rest.hasPrefix("[pid "), let close = rest.firstIndex(of: "]") {
            pid = Int(rest[rest.index(rest.startIndex, offsetBy: 5)..<close].trimmingCharacters(in: .whitespaces))
            rest = rest[rest.index(after: close)...].drop { $0 == " " }
        } else if let first = rest.first, first.isNumber {
            // `strace -o FILE -f`: the pid, then spaces; not a time (digits and `:`/`.`).
            let digits = rest.prefix { $0.isNumber }
            let after = rest.dropFirst(digits.count)
            if after.first == " " {
                pid = Int(digits)
                rest = after.drop { $0 == " " }
            }
        }
        // -t, -tt, -ttt and -r: a time of digits, `:` and `.`, then a space.
        let time = rest.prefix { $0.isNumber || $0 == ":" || $0 == "." }
        if !time.isEmpty, rest.dropFirst(time.count).first == " " {
            rest = rest.dropFirst(time.count).drop { $0 == " " }
        }
        return (pid, rest)
    }

    private static func resumedCall(_ line: Substring) -> String? {
        guard line.hasPrefix("<... ") else { return nil }
        return calls.first { line.hasPrefix("<... \($0) resumed>") }
    }

    /// `= -1 EXXX` at the end: the errno name strace read from the kernel.
    private static func refusal(_ line: Substring) -> String? {
        guard let range = line.range(of: ") = -1 ", options: .backwards) else { return nil }
        let name = line[range.upperBound...].prefix { $0.isUppercase || $0.isNumber }
        return name.hasPrefix("E") && name.count > 1 ? String(name) : nil
    }

    /// The names after `flags=` up to the argument's end.
    private static func flagsIn(_ line: Substring) -> [String] {
        guard let range = line.range(of: "flags=") else { return [] }
        let value = line[range.upperBound...].prefix { !", })".contains($0) }
        return value.split(separator: "|").map(String.init)
    }
}
