/// A task limit refused sshd, cron, nginx's master, git or runc init,
/// known by the record's comm (the shim's and watch's records carry it).
/// Each forks for a reason of its own, and the limit's owner is often not
/// the one the program's name suggests: a session's fork is the user's,
/// cron's root fork its unit's, runc init's the container's
/// (docs/kernel-facts.md §11.109 to §11.111, §11.123, §11.126). The
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
        /// git or one of its own programs.
        case git
        /// runc init (`runc:[0:PARENT]`, `runc:[1:CHILD]`, `runc:[2:INIT]`).
        case runcInit
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
        } else if (comm == "cron" || comm == "crond") && isProcess && uid == 0 {
            // A cron that runs as a user is not the daemon whose unit is meant.
            program = .cron
        } else if comm == "nginx" && isProcess {
            // A worker's thread pool is nginx's too, but sized by other knobs.
            program = .nginx
        } else if gitComms.contains(comm) {
            program = .git
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

    /// Whose forks a uid's RLIMIT_NPROC is the limit of: a login's and
    /// git's; the others fork as root or in a cgroup that binds first.
    var isTheUsers: Bool {
        switch program {
        case .sshdSession, .git, .jvmSpawn, .jvmProduct: true
        default: false
        }
    }

    /// A leak count still helps where the program does not size the limit itself.
    var keepsLeakAdvice: Bool { program != .nginx }

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
        case .git:
            return "the failing process is git (\(comm)): \(F.gitForks); \(F.gitHolds)"
        case .runcInit:
            return
                "the failing process is runc init (\(comm)), runc's own helper, not the container's program: \(F.runcInitInCgroup) (opencontainers/runc#1914: `runtime/cgo: pthread_create failed: Resource temporarily unavailable`)"
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
        case .git where isThread:
            return
                "git's pack-objects (gc, repack, a push, a server's side of a fetch) starts a thread per CPU unless pack.threads says, and index-pack takes its count from the same setting: `git -c pack.threads=1 …` (or `git config --global pack.threads 1`) keeps them within \(limitWords); its run-command thread (start_async) is one more (docs/kernel-facts.md §11.126)."
        case .git:
            return
                "Look beside git, not at it: no git setting shrinks its one or two children, so \(limitWords) was filled by the rest of the job (parallel builds, test runners, services in the same container or session); count them as below and raise the limit where its owner sets it (docs/kernel-facts.md §11.112, §11.126)."
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
