/// The top holders a limit counts, and how many tasks it counts: top.holders
/// is the whole PID namespace's, while a pids cgroup counts its own tasks
/// and RLIMIT_NPROC the real uid's (docs/kernel-facts.md §11.183). Only the
/// holders that are surely in the limit's scope are kept, so a pool or a
/// process named as filling it does fill it.
struct HolderScope {
    /// The top holders within the scope, most first.
    let holders: [PIDHolder]
    /// The tasks the limit counts.
    let tasks: Int64
    /// The limit, in words: "pids.max of /fx-278", "RLIMIT_NPROC of uid 1000".
    let limit: String
    /// Which of top.holders these are, in words.
    let among: String
    /// The uid whose tasks the limit counts (RLIMIT_NPROC), else nil.
    var uid: Int? = nil

    /// A pids level: the whole namespace's holders when the process has
    /// a PID namespace of its own (a container's, whose tasks the level
    /// holds all of) and the level is not a unit inside it; else only
    /// copies of the failing program, the one program surely under the level.
    static func cgroup(_ context: FailureContext, place: PidsLevelPlace, path: String, tasks: Int64) -> HolderScope? {
        let holders = context.record.top?.holders ?? []
        var scoped: [PIDHolder]
        var among: String
        if context.record.pid?.isNested == true, place != .insideContainer {
            scoped = holders
            among = "this PID namespace's top holders, all under the level"
        } else if let comm = context.record.process?.comm {
            let pid = context.record.process?.pid
            scoped = holders.filter { $0.comm == comm || ($0.pid != nil && $0.pid == pid) }
            among = "the failing program's copies among the top holders"
        } else {
            return nil
        }
        let scope = HolderScope(holders: scoped, tasks: tasks, limit: "pids.max of \(path)", among: among)
        // More threads than the level holds: some of them are elsewhere.
        guard tasks > 0, scope.threads() <= tasks else { return nil }
        return scope
    }

    /// RLIMIT_NPROC: the holders of the failing process's real uid.
    static func uid(_ context: FailureContext) -> HolderScope? {
        guard let uid = context.record.process?.uid, let tasks = context.limits.uidTasks, tasks > 0 else { return nil }
        let scoped = (context.record.top?.holders ?? []).filter { $0.uid == uid }
        return HolderScope(
            holders: scoped, tasks: tasks, limit: "RLIMIT_NPROC of uid \(uid)", among: "the top holders of uid \(uid)",
            uid: uid)
    }

    /// kernel.threads-max: every task on the host, so every holder, when
    /// the scan saw the host's processes (not from inside a PID namespace).
    static func host(_ context: FailureContext, tasks: Int64) -> HolderScope? {
        guard context.record.pid?.isNested != true, tasks > 0 else { return nil }
        return HolderScope(
            holders: context.record.top?.holders ?? [], tasks: tasks, limit: "kernel.threads-max",
            among: "the host's top holders")
    }

    /// The threads the scope's holders hold, or only those of the program
    /// named `comm` among them: the one sum `cgroup` checks against the
    /// level and `PooledHolders.advice(in:)` says.
    func threads(of comm: String? = nil) -> Int64 {
        holders.reduce(Int64(0)) { comm == nil || $1.comm == comm ? $0 + ($1.threads ?? 0) : $0 }
    }

    /// The first fix this scope's holders call for: one program's pool in
    /// many processes, or one process with most of the tasks; nil if neither.
    var leadingAdvice: String? {
        if let pooled = PooledHolders.find(TopSnapshot(holders: holders)) { return pooled.advice(in: self) }
        return DominantHolder.find(holders, tasks: tasks)?.advice(of: "what \(limit) counts")
    }
}
