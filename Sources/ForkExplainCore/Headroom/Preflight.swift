/// `check --need-threads N` and `--need-processes N`: a start-up gate for
/// systemd's `ExecStartPre=`, in the manner of Elasticsearch's bootstrap
/// checks: refuse (CRITICAL) when some limit leaves room for fewer than N
/// more, and name it (docs/monitoring.md, "Preflight").
public struct Preflight: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case threads, processes

        var singular: String { self == .threads ? "thread" : "process" }
    }

    public var kind: Kind
    public var needed: Int64

    public init(kind: Kind, needed: Int64) {
        self.kind = kind
        self.needed = needed
    }

    /// One limit that counts a new task of this kind, and the room it leaves.
    struct Room: Sendable, Hashable {
        var usage: LimitUsage
        var room: Int64
    }

    /// Which limits a new task of this kind counts against
    /// (docs/kernel-facts.md §1, §1.1, §6.17, §6.18). A thread is a task to
    /// each of them as a process is: it takes a PID at every PID namespace
    /// level (pid_max), counts in nr_threads (threads-max), in every pids
    /// cgroup level and in its real uid's RLIMIT_NPROC count. A PID
    /// namespace whose init has exited refuses new processes; a thread is
    /// made in the caller's own namespace. What a thread's stack costs
    /// (RLIMIT_AS, commit, max_map_count) depends on the program and is
    /// not judged here.
    func counts(_ usage: LimitUsage) -> Bool { counts(usage.limit, verdict: usage.verdict) }

    func counts(_ limit: LimitKind, verdict: VerdictID? = nil) -> Bool {
        switch limit {
        case .pidMax, .threadsMax, .rlimitNPROC, .cgroupPids: true
        case .pidnsInit: kind == .processes
        // numproc counts every task of the container, threads too (§11.1).
        case .beancounter: verdict == .cgroupPidsLimit
        // NPROC counts the LVE's processes and threads (§11.164).
        case .lveNPROC: true
        case .lvePMEM, .lveVMEM: false
        // A thread or a plain process makes no user namespace.
        case .cgroupMemory, .commit, .memory, .mapCount, .rlimitAS, .usernsCount: false
        }
    }

    /// Every limit that counts, the tightest first.
    func rooms(_ usages: [LimitUsage]) -> [Room] {
        usages.filter(counts).map { Room(usage: $0, room: Swift.max($0.max.subtractingSaturated($0.used), 0)) }
            .sorted { $0.room < $1.room }
    }
}
