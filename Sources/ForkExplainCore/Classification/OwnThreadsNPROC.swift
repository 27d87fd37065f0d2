/// RLIMIT_NPROC reached by the failing process's own threads: nothing else
/// of the uid holds much, and the program's pool, sized from the cores it
/// sees, is larger than the limit its unit gives it (vaultwarden's
/// `LimitNPROC=64` on a 32-thread machine, docs/kernel-facts.md §11.64).
/// Raising the limit or shrinking the pool fixes it; another uid does not.
struct OwnThreadsNPROC {
    let threads: Int64
    let uidTasks: Int64

    /// From top.holders, which lists the process itself when it is among
    /// the largest: three quarters of the uid's count or more.
    static func finding(_ context: FailureContext) -> OwnThreadsNPROC? {
        guard let pid = context.record.process?.pid, let tasks = context.limits.uidTasks, tasks > 0,
            let own = context.record.top?.holders?.first(where: { $0.pid == pid }), let threads = own.threads,
            threads * 4 >= tasks * 3
        else { return nil }
        return OwnThreadsNPROC(threads: threads, uidTasks: tasks)
    }

    func evidence(uid: String) -> String {
        "this process alone holds \(threads) of uid \(uid)'s \(uidTasks) tasks (its own threads, top.holders): its own pool reached the limit, not other processes of the uid"
    }

    func advice(soft: Int64) -> String {
        "The limit (\(soft)) is below what this program starts by itself (\(threads) threads when it failed), and pools that grow with the cores outgrow it on a larger machine: raise it above the program's own need with room to spare, or cap its pools: Rust's tokio: `TOKIO_WORKER_THREADS=N` (one worker a core by default), rayon: `RAYON_NUM_THREADS`, Go: `GOMAXPROCS`, OpenMP/BLAS: `OMP_NUM_THREADS`, a JVM: `-XX:ParallelGCThreads`, `-XX:CICompilerCount`, its own setting for worker threads (vaultwarden: `ROCKET_WORKERS`)."
    }
}
