/// A process the OOM killer ended, as the kernel, a shell, docker or
/// kubectl, systemd or gcc report it. Such a process was created and then
/// killed for memory: no fork or thread was refused (docs/kernel-facts.md
/// §11.120 has the kernel's lines, old and new, with their source).
struct OOMKillText: Sendable, Equatable {
    enum Reporter: Sendable, Equatable {
        /// mm/oom_kill.c's or mm/memcontrol.c's own lines: the kill is certain.
        case kernel
        /// A SIGKILL's report (`Killed`, exit code 137): most often the OOM
        /// killer, but a `kill -9` or a failed liveness probe reads the same.
        case signal
        /// docker's, kubelet's or systemd's record of an OOM kill.
        case manager
    }

    var reporter: Reporter
    /// "1234 (java)", from the kernel's `Killed process` line.
    var victim: String?
    /// The memory cgroup whose limit was reached (`oom_memcg=`, or the
    /// old `killed as a result of limit of`); nil for the whole machine.
    var limitCgroup: String?
    /// The victim's own memory cgroup (`task_memcg=`).
    var taskCgroup: String?
    /// Whether a memory cgroup's limit, not the machine's memory, was
    /// reached; nil when the text does not say.
    var inCgroup: Bool?
    /// The victim's anonymous memory when it was killed, in KiB.
    var anonRSSKiB: Int?

    /// The reading of a whole text, or nil when no line is the OOM killer's.
    static func read(_ text: String) -> OOMKillText? {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        let kinds = lines.compactMap(reporter)
        guard let first = kinds.first else { return nil }
        var reading = OOMKillText(reporter: kinds.contains(.kernel) ? .kernel : first)
        if kinds.contains(.manager), reading.reporter == .signal { reading.reporter = .manager }
        for line in lines { reading.take(line) }
        return reading
    }

    /// Whether one line is a report of an OOM kill (for the excerpt).
    static func isLine(_ line: String) -> Bool {
        reporter(of: line.trimmingCharacters(in: .whitespaces)) != nil
    }

    private static func reporter(of line: String) -> Reporter? {
        let lower = line.lowercased()
        if kernelMarkers.contains(where: lower.contains) { return .kernel }
        if managerMarkers.contains(where: lower.contains) { return .manager }
        if signalMarkers.contains(where: lower.contains) || isShellKilled(lower) { return .signal }
        return nil
    }

    /// mm/oom_kill.c since 2.6 (`Killed process`, `Kill process ... or
    /// sacrifice child` before 4.19), `oom-kill:constraint=` since 4.19,
    /// and mm/memcontrol.c's `Memory cgroup out of memory` and `Task in ...
    /// killed as a result of limit of` (before 4.19).
    static let kernelMarkers = [
        "out of memory: killed process", "out of memory: kill process", "invoked oom-killer:",
        "oom-kill:constraint=", "killed as a result of limit of", "oom_reaper: reaped process",
    ]
    /// Docker's State.OOMKilled, kubectl's `Reason: OOMKilled`, systemd's
    /// `Failed with result 'oom-kill'` and its unit line.
    static let managerMarkers = [
        "oomkilled", "result 'oom-kill'", "killed by the oom killer",
    ]
    /// 137 is 128 + SIGKILL (9): docker's, kubectl exec's and CI runners'
    /// exit codes, `docker ps`'s `Exited (137)`; Go's os/exec says `signal:
    /// killed`, Python's subprocess `Signals.SIGKILL`; gcc's driver names
    /// the compiler proper that was killed.
    static let signalMarkers = [
        "exit code 137", "exit code: 137", "exited with code 137", "exit status 137", "exitcode=137",
        "exited (137)", "signal: killed", "signals.sigkill",
        "killed signal terminated program", "internal compiler error: killed (program",
    ]

    /// A shell's report of a child killed by SIGKILL: `Killed` alone (bash,
    /// dash), bash's `line 3: 1234 Killed  ./app` and its job table's
    /// `[1]+  Killed  ./app`, zsh's `zsh: killed ./app`.
    private static func isShellKilled(_ lower: String) -> Bool {
        if lower == "killed" || lower.hasPrefix("zsh: killed ") { return true }
        let words = lower.split(separator: " ")
        guard let index = words.firstIndex(of: "killed"), index > 0 else { return false }
        let before = words[index - 1]
        if index == 1, before.hasPrefix("["), before.contains("]") { return true }
        return before.allSatisfy(\.isNumber) && lower.contains("line ")
    }

    /// The numbers a kernel line gives.
    private mutating func take(_ line: String) {
        if let range = line.range(of: "Killed process ") ?? line.range(of: "Kill process ") {
            let rest = line[range.upperBound...]
            if victim == nil, let close = rest.firstIndex(of: ")") { victim = String(rest[...close]) }
            anonRSSKiB = anonRSSKiB ?? Self.kib(after: "anon-rss:", in: line)
        }
        if line.lowercased().contains("memory cgroup out of memory") { inCgroup = true }
        if line.contains("constraint=CONSTRAINT_MEMCG") { inCgroup = true }
        if line.contains("constraint=CONSTRAINT_NONE") { inCgroup = inCgroup ?? false }
        if let path = Self.field("oom_memcg=", in: line) { limitCgroup = path }
        if let path = Self.field("task_memcg=", in: line) { taskCgroup = path }
        if let range = line.range(of: "killed as a result of limit of ") {
            limitCgroup = String(line[range.upperBound...].prefix { !$0.isWhitespace })
            inCgroup = true
        }
    }

    /// The value after `name` up to the next comma.
    private static func field(_ name: String, in line: String) -> String? {
        guard let range = line.range(of: name) else { return nil }
        let value = line[range.upperBound...].prefix { $0 != "," && !$0.isWhitespace }
        return value.isEmpty ? nil : String(value)
    }

    private static func kib(after name: String, in line: String) -> Int? {
        guard let range = line.range(of: name) else { return nil }
        return Int(line[range.upperBound...].prefix { $0.isASCII && $0.isNumber })
    }
}
