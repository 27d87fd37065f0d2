/// A Python process refused a fork by a pids limit: multiprocessing's
/// Pool, concurrent.futures' ProcessPoolExecutor and pre-forking servers
/// (gunicorn, celery) fork one process per worker, as many as the CPUs
/// the host shows unless told, and a Pool adds its 3 handler threads to
/// its main process (docs/kernel-facts.md §11.89). The fix is the worker
/// count, weighed against the limit, not a leak hunt.
struct PythonForkWorkers {
    /// The binding level's pids.max.
    let limit: Int64

    /// A fork (not posix_spawn or vfork: subprocess starts programs, not
    /// workers) by a process whose name is python's.
    static func finding(_ context: FailureContext, limit: Int64) -> PythonForkWorkers? {
        guard limit > 0, context.copiesAddressSpace, let comm = context.record.process?.comm,
            comm.hasPrefix("python")
        else { return nil }
        return PythonForkWorkers(limit: limit)
    }

    /// Workers that fit beside a Pool's main process and its 3 threads.
    var workers: Int64 { Swift.max(1, limit - 4) }

    var evidence: String {
        "the failing process is Python forking (os.fork: a multiprocessing Pool, a ProcessPoolExecutor, gunicorn's or celery's workers): each worker is a process, Pool() and ProcessPoolExecutor() without a number start one per CPU the host shows, and a Pool's main process holds 3 threads of its own, so pids.max \(limit) holds at most \(workers) workers beside them, fewer by whatever else runs under it"
    }

    var advice: String {
        "Or size the workers to the limit: `Pool(processes=\(workers))` or `ProcessPoolExecutor(max_workers=\(workers))` (gunicorn `--workers`, celery `--concurrency`), fewer by what else runs under the limit and by each worker's own threads (OpenBLAS and OpenMP start one per core in every worker: `OPENBLAS_NUM_THREADS=1`, `OMP_NUM_THREADS=1`); or raise the limit to what the workers need."
    }
}
