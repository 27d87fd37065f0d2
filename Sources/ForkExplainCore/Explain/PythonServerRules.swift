/// uWSGI, gunicorn and Celery: pre-forking servers whose workers, and the
/// threads in each, are what their settings ask for, counted against the
/// limit of the service or container they run in (docs/kernel-facts.md
/// §11.136). Part of `ProgramCatalog`, before Python's general rules: their
/// tracebacks hold multiprocessing's and threading's words too.
enum PythonServerRules {
    private typealias F = ComputeWorkerFacts

    /// The frames that say a traceback is gunicorn's or billiard's.
    static let contextMarkers = ["gunicorn/arbiter.py", "gunicorn/workers/", "billiard/"]

    static let rules: [ProgramRule] = [
        // uwsgi_error() prints "CALL: strerror(errno) [FILE line N]", and
        // FILE is one of uWSGI's own sources (core/..., plugins/...).
        ProgramRule(
            program: "uWSGI", anyOf: ["fork(): "], allOf: ["[core/", " line "], kind: .process,
            note:
                "\(F.uwsgiForks.capitalizedFirst). The master runs as whoever started it (often root, dropping to `uid` in each worker), so the limit is its service's TasksMax= or the container's pids limit, and RLIMIT_NPROC of the workers' uid when it is not root. `processes` × (1 + `threads`) + the master and its helpers must fit; lower them, or raise the limit (docs/kernel-facts.md §11.136).",
            firstCauses: ["cgroup_pids_limit"]
        ),
        ProgramRule(
            program: "uWSGI", anyOf: ["pthread_create(): "], allOf: ["[core/", " line "], kind: .thread,
            note:
                "uWSGI could not start one of its threads (a worker's request threads, the threaded logger, the cache sweeper) and prints errno's text after the call, which a refused clone leaves at EAGAIN with glibc. \(F.uwsgiForks.capitalizedFirst): `processes` × `threads` threads besides the processes themselves (docs/kernel-facts.md §11.136).",
            firstCauses: ["cgroup_pids_limit"]
        ),
        ProgramRule(
            program: "gunicorn (gthread workers)", anyOf: ["gunicorn/workers/"], allOf: ["can't start new thread"],
            kind: .thread, errnosWhenNone: ["EAGAIN", "EPERM"],
            note:
                "A gunicorn worker could not start a request thread: \(F.gunicornForks). `--workers` × (`--threads` + 1) + the arbiter must fit the service's or container's limit, with what the application starts (a BLAS's pool in every worker: OPENBLAS_NUM_THREADS=1); lower them or raise the limit (docs/kernel-facts.md §11.136).",
            firstCauses: ["cgroup_pids_limit"]
        ),
        ProgramRule(
            program: "gunicorn (arbiter)", anyOf: ["gunicorn/arbiter.py"], allOf: ["os.fork()"], kind: .process,
            note:
                "gunicorn's arbiter could not fork a worker (BlockingIOError [Errno 11] is EAGAIN, a refused process): \(F.gunicornForks). A refused fork in the arbiter's loop ends gunicorn. `--workers` × (`--threads` + 1) + 1 must fit the limit (docs/kernel-facts.md §11.136).",
            firstCauses: ["cgroup_pids_limit"], errnosOnly: ["EAGAIN", "ENOMEM"]
        ),
        // billiard's children lost to a signal: no task was refused.
        ProgramRule(
            program: "Celery (billiard prefork pool)",
            anyOf: ["worker exited prematurely: signal 9", "worker exited prematurely: signal 9 (sigkill)"],
            notATask: "a pool child killed by SIGKILL",
            note:
                "billiard reports a child of Celery's pool that died while it ran a task; signal 9 is SIGKILL, most often the OOM killer (dmesg, the container's memory limit), and no fork or thread was refused. Fewer children (`--concurrency`), `--max-memory-per-child`, or more memory (docs/kernel-facts.md §11.136)."
        ),
        ProgramRule(
            program: "Celery (billiard prefork pool)", anyOf: ["billiard/popen_fork.py", "billiard/pool.py"],
            kind: .process,
            note:
                "Celery's pool could not fork a child: \(F.celeryForks). `--concurrency N` (or `worker_concurrency`) with N that fits the limit beside the main process and its threads, or raise the limit (docs/kernel-facts.md §11.136).",
            firstCauses: ["cgroup_pids_limit"], errnosOnly: ["EAGAIN", "ENOMEM"]
        ),
    ]
}
