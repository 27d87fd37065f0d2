/// `forkexplain run`'s own tasks among those a limit counted. run waits for
/// its command in the cgroup and under the uid it was started in, so its
/// threads are in the `pids.current` of every level above it and in the
/// real uid's count that RLIMIT_NPROC checks (docs/kernel-facts.md §1.1,
/// §1.4): the operator comparing the numbers with the command's own
/// processes finds them a few over, and should be told whose those are.
public struct RunnerTasks: Sendable {
    public var pid: Int
    /// Tasks (threads) of the run process while the command ran.
    public var tasks: Int
    /// The run process's real uid.
    public var uid: Int
    /// Its cgroup for each version of the pids controller, as its
    /// /proc/self/cgroup names them (v1: the pids hierarchy's line; v2: `0::`).
    public var pidsCgroup: [Int: String]
    /// The inode of its cgroup namespace: paths compare only within one
    /// (a command that made its own shows its cgroup as /).
    public var cgroupNamespace: Int64?

    public init(pid: Int, tasks: Int, uid: Int, pidsCgroup: [Int: String], cgroupNamespace: Int64? = nil) {
        self.pid = pid
        self.tasks = tasks
        self.uid = uid
        self.pidsCgroup = pidsCgroup
        self.cgroupNamespace = cgroupNamespace
    }

    /// The pids cgroup of each version in `/proc/self/cgroup`'s text.
    public static func pidsCgroups(procSelfCgroup text: String) -> [Int: String] {
        var found: [Int: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            if parts[0] == "0", parts[1].isEmpty {
                found[2] = String(parts[2])
            } else if parts[1].split(separator: ",").contains("pids") {
                found[1] = String(parts[2])
            }
        }
        return found
    }

    /// One line for each incident whose counted tasks include run's own.
    public func notes(for report: Report) -> [String] {
        report.incidents.compactMap { note(for: $0.latest) }
    }

    func note(for event: FailureEvent) -> String? {
        let runner = "forkexplain run itself (pid \(pid)) held \(tasks)"
        switch event.verdict.id {
        case .cgroupPidsLimit:
            guard let level = countingLevel(event.record) else { return nil }
            let path = level.path ?? "?"
            guard let current = level.current, let max = level.max?.number else {
                return "\(runner) of the tasks counted in \(path), waiting there for the command"
            }
            return
                "\(runner) of the \(current) tasks counted in \(path) (pids.max \(max)), waiting there for the command: "
                + "the command and what it started held the other \(Swift.max(0, current - Int64(tasks)))"
        case .rlimitNPROC:
            guard uid != 0, event.record.process?.uid == uid else { return nil }
            guard let counted = event.record.limits?.uidTasks else {
                return "\(runner) of the tasks counted for uid \(uid), as it runs as that uid too"
            }
            return "\(runner) of the \(counted) tasks counted for uid \(uid), as it runs as that uid too: "
                + "the command and the uid's other processes held the other \(Swift.max(0, counted - Int64(tasks)))"
        default:
            return nil
        }
    }

    /// The fullest limited level of the record's pids cgroups that holds
    /// the run process: its cgroup or an ancestor, in the same version. A
    /// level without a limit refused nothing, whatever it counts.
    func countingLevel(_ record: LogRecord) -> PIDsCgroupLevel? {
        if let mine = cgroupNamespace, let theirs = ContainerIdentity(record: record).cgroupNamespace, mine != theirs {
            return nil
        }
        let levels = (record.cgroups?.pids ?? []).filter { level in
            guard level.max?.number != nil, let path = level.path, let version = level.version,
                let mine = pidsCgroup[version]
            else { return false }
            return path == "/" || mine == path || mine.hasPrefix(path + "/")
        }
        return levels.min { headroom($0) < headroom($1) }
    }

    private func headroom(_ level: PIDsCgroupLevel) -> Int64 {
        guard let max = level.max?.number, let current = level.current else { return .max }
        return max - current
    }
}
