/// What sshd, cron, nginx, git, Squid and runc init fork, and whose limit
/// that is (docs/kernel-facts.md §11.109 to §11.112, §11.123, §11.126,
/// §11.141):
/// stated once, for `explain`'s notes on their messages
/// (ServerProgramRules, ContainerRuntimeRules) and `report`'s evidence on
/// their records (ServerProgramForks, SquidHelperForks), so the two never
/// say it differently.
enum ProgramForkFacts {
    static let sshdSessionFork =
        "sshd forks the session's shell or command (session.c do_exec_no_pty, do_exec_pty with a terminal) from the session's process, which already runs as the user (root logins aside)"

    static let sshdSessionOwners =
        "the user's RLIMIT_NPROC, every task of that uid on the host counted (sshd's PAM stack sets it from /etc/security/limits.conf through pam_limits), the user's slice's TasksMax= (logind's UserTasksMax=) or a container's pids limit, not sshd's own unit"

    /// `user`: the name or uid to count (explain knows none: `USER`).
    static func sshdCountUser(_ user: String) -> String {
        "Count the user's tasks as root or from a session that still works (`ps -L -U \(user) --no-headers | wc -l`) against the user's `ulimit -u`; end what leaked or raise nproc in /etc/security/limits.d"
    }

    static let sshdListenerFork =
        "the listening sshd forks a process for each incoming connection (sshd.c's accept loop), as root"

    static let sshdOwnUnit =
        "sshd's own service's TasksMax= (ssh.service on Debian and Ubuntu, sshd.service elsewhere)"

    static let cronForks =
        "cron forks as root for every job it starts (do_command), then again for the job's command (child_process)"

    static let cronOwners =
        "RLIMIT_NPROC does not hold root back (outside a user namespace), so EAGAIN is cron's cgroup: its unit's TasksMax= (cron.service, crond.service) or a container's pids limit, which every job and whatever it leaves running count against, unless cron's PAM stack moves jobs to a session of their own (pam_systemd)"

    static let cronCheck =
        "Jobs that never exit, one more each time they are due, fill it and then every job fails: `systemctl status cron` (or crond) shows the unit's Tasks against its limit, and `systemd-cgls -u cron.service` which jobs hold them"

    static let nginxForks =
        "nginx's master forks its worker processes (worker_processes; `auto` is one per online CPU sysconf(_SC_NPROCESSORS_ONLN) counts, the host's CPUs inside a container too), its cache manager and loader, and on every reload it forks a new set of workers before the old ones finish, so a reload needs twice the workers for a while"

    static let nginxThreadPools =
        "nginx starts every thread pool's threads (`thread_pool NAME threads=N`; the default pool, which `aio threads` uses, has 32) in each worker process as it starts, and the worker fails to start when one is refused: the workers together need worker_processes × the pools' threads beside themselves. Workers run as nginx's `user` (www-data, nginx), whose RLIMIT_NPROC counts them with every other task of that uid (a PHP-FPM pool running as the same user too); the unit's TasksMax= or the container's pids limit counts them all"

    static let cronUserForks =
        "a cron daemon run as a user (a container's crond started as its user, a user's own cron) forks for every job and again for the job's command as that uid (do_command, child_process: no identity to change), so the uid's RLIMIT_NPROC counts cron, every job still running and what the jobs leave behind, beside the user's other tasks, and the cgroup cron runs in (a container's pids limit, the user's slice) counts them too"

    static let gitForks =
        "git runs its hooks, aliases, pagers, helpers and transports as child processes (run-command.c start_command: `error: cannot fork() for NAME: STRERROR`)"

    static let gitHolds =
        "git holds a child or two at a time, so the limit was filled by what else runs beside it: the CI job's container (its pids limit), the user's other processes (RLIMIT_NPROC) or the unit's other tasks (TasksMax=)"

    static let squidForks =
        "Squid forks its helpers (url_rewrite_program, authenticators, logfile daemons, external ACL helpers) from its main process, whose memory holds cache_mem and the cache index, and each fork is charged that process's private writable memory"

    static let squidFixes =
        "a smaller cache_mem, fewer helper children, or sleep_after_fork to give each child time to exec before the next fork"

    static let runcInitInCgroup =
        "runc puts runc init in the container's cgroup while it is still starting (for `docker run`, before its Go runtime runs; for `docker exec`, `kubectl exec` and `runc exec`, once its C part has joined the container's namespaces), so the runtime's own threads count against the container's limits"
}
