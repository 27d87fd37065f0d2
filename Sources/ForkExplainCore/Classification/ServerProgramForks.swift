/// A task limit refused sshd, cron, nginx's master, git or runc init,
/// known by the record's comm (the shim's and watch's records carry it).
/// Each forks for a reason of its own, and the limit's owner is often not
/// the one the program's name suggests: a session's fork is the user's,
/// cron's root fork its unit's, runc init's the container's
/// (docs/kernel-facts.md §11.109 to §11.111, §11.123, §11.126, §11.141). The
/// evidence says which, the advice gives the program's own knob.
struct ServerProgramForks {
    enum Program: Equatable {
        /// sshd (or sshd-session, OpenSSH 9.8 and later) forking a
        /// session's program as the user.
        case sshdSession
        /// sshd as root: the listener, or a connection before it logs in.
        case sshdRoot
        /// cron or cronie's crond forking a job, as root.
        case cron
        /// nginx's master forking its workers.
        case nginx
        /// An nginx worker starting its thread pools' threads.
        case nginxThreadPool
        /// cron or crond running as a user, forking a job as that uid.
        case cronUser
        /// git or one of its own programs.
        case git
        /// runc init (`runc:[0:PARENT]`, `runc:[1:CHILD]`, `runc:[2:INIT]`).
        case runcInit
        /// uWSGI's master or a worker (§11.136).
        case uwsgi
        /// gunicorn's arbiter or a worker: the `gunicorn` script's name, or
        /// setproctitle's `gunicorn: master [...]` cut to 15 bytes.
        case gunicorn
        /// Celery's worker or a pool child (`celery`, setproctitle's `[celeryd: ...]`).
        case celery
        /// A PyTorch DataLoader worker, which names itself
        /// `pt_multiprocess_data_worker` (cut to `pt_multiprocess`;
        /// `pt_data_worker` in older releases) (§11.135).
        case dataLoaderWorker
        /// A JVM (`java`) starting a child: ProcessBuilder, Runtime.exec.
        case jvmSpawn
        /// A JVM product's thread, the product known by its argv.
        case jvmProduct(JVMProduct)
    }

    let program: Program
    let comm: String
    let uid: Int
    /// The binding limit and how the text names it (`pids.max`, `RLIMIT_NPROC`).
    let limit: Int64
    let limitName: String
    let isThread: Bool

    /// git's programs that fork through its run-command.c, as comm holds
    /// them (15 bytes: git-receive-pack is `git-receive-pac`). git-lfs and
    /// other git-* tools are not git's and fork by their own means.
    static let gitComms: Set<String> = [
        "git", "git-remote-http", "git-remote-ftp", "git-upload-pack", "git-receive-pac", "git-upload-arch",
        "git-http-backen", "git-daemon", "git-shell",
    ]

    /// What ProcessImpl.forkAndExec calls for each launch mechanism.
    static let jvmSpawnCalls: Set<CallName> = [.posixSpawn, .vfork, .fork, .clone]

    static func finding(_ context: FailureContext, limit: Int64, limitName: String) -> ServerProgramForks? {
        guard limit > 0, let process = context.record.process, let comm = process.comm, let uid = process.uid
        else { return nil }
        let isProcess = context.kind == .process
        let program: Program
        if (comm == "sshd" || comm == "sshd-session") && isProcess {
            program = uid == 0 ? .sshdRoot : .sshdSession
        } else if (comm == "cron" || comm == "crond") && isProcess {
            // A cron that runs as a user forks its jobs under the user's count.
            program = uid == 0 ? .cron : .cronUser
        } else if comm == "nginx" {
            // A worker's thread pool is nginx's too, but sized by other knobs.
            program = isProcess ? .nginx : .nginxThreadPool
        } else if gitComms.contains(comm) {
            program = .git
        } else if let server = pythonServer(comm) {
            program = server
        } else if comm.hasPrefix("runc:[") {
            // nsexec names its stages so (libcontainer/nsenter/nsexec.c);
            // plain `runc` runs in the engine's cgroup, not the container's.
            program = .runcInit
        } else if comm == "java", !isProcess, let product = process.jvmProduct {
            // Only with FORKEXPLAIN_CMDLINE=1: the product's own knobs (§11.133).
            program = .jvmProduct(product)
        } else if comm == "java", isProcess, let call = context.call, jvmSpawnCalls.contains(call) {
            // The launcher's comm for every JVM product, by the calls
            // ProcessImpl makes (§11.129); a popen is native code's.
            program = .jvmSpawn
        } else {
            return nil
        }
        return ServerProgramForks(
            program: program, comm: comm, uid: uid, limit: limit, limitName: limitName, isThread: !isProcess)
    }

    /// The pre-forking Python servers by the name their script or
    /// setproctitle gives them (§11.136).
    static func pythonServer(_ comm: String) -> Program? {
        let lower = comm.lowercased()
        if lower.hasPrefix("uwsgi") { return .uwsgi }
        if lower.hasPrefix("gunicorn") { return .gunicorn }
        if lower.hasPrefix("celery") || lower.hasPrefix("[celeryd") { return .celery }
        if lower.hasPrefix("pt_multiprocess") || lower.hasPrefix("pt_data_worker") { return .dataLoaderWorker }
        return nil
    }

    private var isPythonServer: Bool { [.uwsgi, .gunicorn, .celery, .dataLoaderWorker].contains(program) }

    /// Whose forks a uid's RLIMIT_NPROC is the limit of: a login's, git's,
    /// a user's cron's, an nginx worker's pool threads, a JVM's and an
    /// application server's workers (its uid's); the others fork as root or in a cgroup
    /// that binds first.
    var isTheUsers: Bool {
        switch program {
        case .sshdSession, .git, .cronUser, .nginxThreadPool, .jvmSpawn, .jvmProduct: true
        default: isPythonServer
        }
    }

    /// A leak count still helps where the program does not size the limit itself.
    var keepsLeakAdvice: Bool { program != .nginx && program != .nginxThreadPool && !isPythonServer }

    /// Threads a pool can have in each of `workers` workers: under pids.max
    /// the master, a cache manager and loader count too; under the workers'
    /// user's RLIMIT_NPROC the master, root's, does not.
    func poolThreads(workers: Int64) -> Int64 {
        let beside: Int64 = limitName == "RLIMIT_NPROC" ? 0 : 3
        return Swift.max(1, (limit - beside) / workers - 1)
    }

    /// gunicorn's workers that fit twice (a HUP reload's new set starts
    /// before the old one ends) beside the arbiter.
    var reloadWorkers: Int64 { Swift.max(1, (limit - 1) / 2) }

    /// uWSGI's workers beside its master and an http router.
    var uwsgiWorkers: Int64 { Swift.max(1, limit - 2) }

    /// nginx workers that fit twice (a reload) beside the master and a
    /// cache manager and loader.
    var nginxWorkers: Int64 { Swift.max(1, (limit - 3) / 2) }

    /// Unauthenticated connections that fit at two processes each beside
    /// the listener.
    var sshdStartups: Int64 { Swift.max(1, (limit - 1) / 2) }

    private var limitWords: String { "\(limitName) \(limit)" }

    var evidence: String {
        typealias F = ProgramForkFacts
        switch program {
        case .sshdSession:
            return
                "the failing process is \(comm) as uid \(uid), forking a login's program: \(F.sshdSessionFork), so the limit that refused is \(F.sshdSessionOwners)"
        case .sshdRoot:
            return
                "the failing process is \(comm) as root: \(F.sshdListenerFork), and each connection holds a process or two (privilege separation) before it logs in, up to MaxStartups (10:30:100 unless sshd_config says: some refused from 10 unauthenticated connections, all at 100); sessions leave sshd's cgroup only when PAM runs pam_systemd"
        case .cron:
            return "the failing process is \(comm): \(F.cronForks); \(F.cronOwners)"
        case .nginx:
            return
                "the failing process is nginx's master: \(F.nginxForks); \(limitWords) holds the master, a cache manager and loader (with proxy_cache_path) and both sets of workers during a reload: at most \(nginxWorkers) workers"
        case .nginxThreadPool:
            return "the failing process is an nginx worker (uid \(uid)) starting a thread pool: \(F.nginxThreadPools)"
        case .cronUser:
            return "the failing process is \(comm) as uid \(uid), not root: \(F.cronUserForks)"
        case .git:
            return "the failing process is git (\(comm)): \(F.gitForks); \(F.gitHolds)"
        case .runcInit:
            return
                "the failing process is runc init (\(comm)), runc's own helper, not the container's program: \(F.runcInitInCgroup) (opencontainers/runc#1914: `runtime/cgo: pthread_create failed: Resource temporarily unavailable`)"
        case .uwsgi:
            return
                "the failing process is uWSGI (\(comm)): \(ComputeWorkerFacts.uwsgiForks); \(limitWords) holds them all"
        case .gunicorn:
            return
                "the failing process is gunicorn (\(comm)): \(ComputeWorkerFacts.gunicornForks); \(limitWords) holds them all"
        case .celery:
            return
                "the failing process is Celery (\(comm)): \(ComputeWorkerFacts.celeryForks); \(limitWords) holds them all"
        case .dataLoaderWorker:
            return
                "the failing process is a PyTorch DataLoader worker (\(comm), the name it gives itself): \(ComputeWorkerFacts.torchThreads); \(limitWords) holds them all"
        case .jvmProduct(let product):
            return "the failing process is \(product.name)'s JVM (its argv names it): \(product.threads)"
        case .jvmSpawn:
            return
                "the failing process is a JVM (\(comm)) starting a child: \(JVMForkFacts.spawn); here \(JVMForkFacts.error11)"
        }
    }

    var advice: String {
        switch program {
        case .sshdSession:
            return
                "\(ProgramForkFacts.sshdCountUser(String(uid))); sshd's own unit and its MaxStartups do not hold these tasks unless the session stayed in sshd's cgroup (no pam_systemd: a container, `UsePAM no`) (docs/kernel-facts.md §11.109, §11.126)."
        case .sshdRoot:
            let startups = sshdStartups > 10 ? "10:30:\(sshdStartups)" : "\(sshdStartups)"
            return
                "Or bound what sshd holds: `MaxStartups \(startups)` in sshd_config keeps its unauthenticated connections, two processes each, within \(limitWords) beside the listener, then `systemctl reload ssh` (sshd elsewhere); the limit is \(ProgramForkFacts.sshdOwnUnit) or the container's, which logged-in sessions count against too when PAM does not move them (docs/kernel-facts.md §11.109)."
        case .cron:
            let unit = comm == "crond" ? "crond" : "cron"
            return
                "\(ProgramForkFacts.cronCheck). Keep a job from piling up (`flock -n /run/JOB.lock COMMAND` in its crontab line), then give \(unit).service room for the jobs that run at once (`systemctl edit \(unit)`, `[Service]` `TasksMax=`) (docs/kernel-facts.md §11.110)."
        case .nginx:
            return
                "Or size nginx to the limit: `worker_processes \(nginxWorkers);` in nginx.conf, not `auto`, which counts the host's CPUs ((\(limitWords) − the master − a cache manager and loader) ÷ 2, for the two sets a reload holds), fewer by what else runs under the limit; or raise the limit to 2 × worker_processes + 3, in nginx's unit (TasksMax=) or its container (docs/kernel-facts.md §11.111)."
        case .nginxThreadPool:
            let beside = limitName == "RLIMIT_NPROC" ? "" : " + 3 (the master, a cache manager and loader)"
            return
                "Or size the pools to the limit: each worker starts every pool's threads, so worker_processes × (1 + the pools' threads)\(beside) must fit in \(limitWords): `thread_pool default threads=\(poolThreads(workers: 2));` in nginx.conf's main context for 2 workers (\(poolThreads(workers: 4)) for 4; the default pool has 32 when not set), with `worker_processes` a number, not `auto`, which counts the host's CPUs; or raise the limit, in nginx's unit (TasksMax=, or LimitNPROC= for the workers' user) or its container (docs/kernel-facts.md §11.111, §11.141)."
        case .cronUser:
            return
                "Count uid \(uid)'s tasks as root (`ps -L -U \(uid) --no-headers | wc -l` against its `ulimit -u`) and the jobs that pile up (`ps -o pid,etime,args --ppid $(pgrep -u \(uid) -o -x \(comm))`); keep a job from overlapping its next run (`flock -n /tmp/JOB.lock COMMAND` in its crontab line); then raise the limit where cron starts as that user: the container's `--ulimit nproc=` or pids limit, `LimitNPROC=`/`TasksMax=` of the unit that runs it, nproc in /etc/security/limits.d (docs/kernel-facts.md §11.110, §11.141)."
        case .git where isThread:
            return
                "git's pack-objects (gc, repack, a push, a server's side of a fetch) starts a thread per CPU unless pack.threads says, and index-pack takes its count from the same setting: `git -c pack.threads=1 …` (or `git config --global pack.threads 1`) keeps them within \(limitWords); its run-command thread (start_async) is one more (docs/kernel-facts.md §11.126)."
        case .git:
            return
                "Look beside git, not at it: no git setting shrinks its one or two children, so \(limitWords) was filled by the rest of the job (parallel builds, test runners, services in the same container or session); count them as below and raise the limit where its owner sets it (docs/kernel-facts.md §11.112, §11.126)."
        case .uwsgi:
            return
                "Or size uWSGI to the limit: `processes` × (1 + `threads`) + the master and its mules, spoolers and http router must fit \(limitWords): `processes = \(uwsgiWorkers)` at most without threads beside the master and a router, fewer with `threads` or what the application starts in each worker (OPENBLAS_NUM_THREADS=1, OMP_NUM_THREADS=1); or raise the limit in uWSGI's unit (TasksMax=) or container (docs/kernel-facts.md §11.136)."
        case .gunicorn:
            return
                "Or size gunicorn to the limit: `--workers \(reloadWorkers)` fits \(limitWords) twice beside the arbiter (a HUP reload starts the new workers before the old ones leave), fewer by `--threads` − 1 per worker with gthread, and by what the application starts in each (OPENBLAS_NUM_THREADS=1, OMP_NUM_THREADS=1); or raise the limit in its unit (TasksMax=) or container (docs/kernel-facts.md §11.136)."
        case .celery:
            return
                "Or size the pool to the limit: `celery worker --concurrency N` (`worker_concurrency`) with N below \(limitWords) by the main process, its threads and each child's own threads (OMP_NUM_THREADS=1 and OPENBLAS_NUM_THREADS=1 in the worker's environment keep a BLAS to one); `--autoscale MAX,MIN` grows to MAX; or raise the limit in its unit (TasksMax=) or container (docs/kernel-facts.md §11.136)."
        case .dataLoaderWorker:
            return
                "Or size the loading to the limit: \(ComputeWorkerFacts.torchKnobs); the main process, its pools and every worker with its threads must fit \(limitWords) (docs/kernel-facts.md §11.135)."
        case .jvmProduct(let product):
            return "\(product.advice) (docs/kernel-facts.md §11.130, §11.133)."
        case .jvmSpawn:
            return "\(JVMForkFacts.spawnAdvice) (docs/kernel-facts.md §11.129, §11.133)."
        case .runcInit:
            return
                "Give the container room for runc init too: a pids limit above what its processes hold, plus a few for runc init's own Go threads (`docker update --pids-limit N NAME`, the pod's or kubelet's `podPidsLimit`), or find what fills it (zombies under a PID 1 that reaps none: `docker run --init`) (docs/kernel-facts.md §11.123, §11.126)."
        }
    }
}
