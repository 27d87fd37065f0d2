/// Daemons whose logs say they could not fork or start a thread, and git,
/// which forks for its user: each note says whose limit refused, since
/// the daemon's own unit is often not it (docs/kernel-facts.md §11.109 to
/// §11.112). Part of `ProgramCatalog`.
enum ServerProgramRules {
    /// The facts `report` states too.
    private typealias F = ProgramForkFacts

    /// cron forks twice per job, as root: a task limit that refuses it is
    /// a cgroup's, and the jobs it started fill it (§11.110).
    static let cronNote =
        "\(F.cronForks); cronie logs the errno (`(CRON) can't fork (do_command): Resource temporarily unavailable`), Debian's and OpenBSD's cron only `(CRON) error (can't fork)`. \(F.cronOwners). \(F.cronCheck) (docs/kernel-facts.md §11.110)."

    /// sshd forks the session's program as the user: the login's limits.
    static let sessionNote =
        "\(F.sshdSessionFork): EAGAIN is \(F.sshdSessionOwners). \(F.sshdCountUser("USER")) (docs/kernel-facts.md §11.109)."

    static let rules: [ProgramRule] = [
        ProgramRule(
            program: "OpenSSH (ssh client; the server refused)",
            // A multiplexed client (ControlMaster) gets the words without
            // "on channel N" on its stderr.
            anyOf: ["shell request failed", "exec request failed", "subsystem request failed"],
            kind: .process, errnosWhenNone: ["EAGAIN", "ENOMEM"],
            note:
                "ssh prints this (clientloop.c, \"%s request failed on channel %d\") when the server answered the session's shell, exec or subsystem (sftp) request with failure: sshd could not start the program, most often because its fork failed, and the server's log says which (`journalctl -u ssh` or `-u sshd`: `error: do_exec_no_pty: fork: Resource temporarily unavailable`). The limit is on the server, not on this machine. \(sessionNote)",
            firstCauses: ["rlimit_nproc"]
        ),
        ProgramRule(
            program: "OpenSSH sshd (a session's fork)", anyOf: ["do_exec_no_pty: fork:", "do_exec_pty: fork:"],
            kind: .process,
            note: "The client then says \"shell request failed on channel 0\" (exec for a command). \(sessionNote)",
            firstCauses: ["rlimit_nproc"]
        ),
        ProgramRule(
            program: "OpenSSH sshd (privilege separation)", anyOf: ["fork of unprivileged child failed"],
            kind: .process, errnosWhenNone: ["EAGAIN", "ENOMEM"],
            note:
                "sshd forks an unprivileged child for each connection before authentication, and after it another that becomes the user (privilege separation), and prints no errno. The first fork is root's, in sshd's own service (ssh.service on Debian and Ubuntu, sshd.service elsewhere: its TasksMax=) or a container's pids limit. Win32-OpenSSH prints the same words when it cannot make the user's logon token, which is not a fork (docs/kernel-facts.md §11.109)."
        ),
        // The listener's own line: `sshd[PID]: error: fork: STRERROR`; the
        // client's `~&` prints the same words, but as ssh.
        ProgramRule(
            program: "OpenSSH sshd (listener)", anyOf: ["sshd["], allOf: ["error: fork: "], kind: .process,
            note:
                "\(F.sshdListenerFork.capitalizedFirst): RLIMIT_NPROC does not hold root back (outside a user namespace), so EAGAIN is \(F.sshdOwnUnit), a container's pids limit, or the host's PID numbers (docs/kernel-facts.md §11.109)."
        ),
        ProgramRule(
            program: "OpenSSH sshd (MaxSessions)", anyOf: ["no more sessions"], allOf: ["sshd"],
            notATask: "sshd's count of sessions on one connection (MaxSessions)",
            note:
                "sshd allows MaxSessions sessions (shells, commands, sftp) on one connection, 10 unless sshd_config sets it, and refuses the next one with \"no more sessions\" (session.c session_open) before forking anything: a client that multiplexes sessions over one connection (ControlMaster) reaches it. Raise MaxSessions in sshd_config or open fewer sessions per connection; no task limit is involved (docs/kernel-facts.md §11.109)."
        ),
        ProgramRule(
            program: "cron", anyOf: ["(cron) error (can't fork)"], kind: .process,
            errnosWhenNone: ["EAGAIN", "ENOMEM"],
            note: cronNote, firstCauses: ["cgroup_pids_limit"]
        ),
        ProgramRule(
            program: "cronie (crond)", anyOf: ["(cron) can't fork ("], kind: .process, note: cronNote,
            firstCauses: ["cgroup_pids_limit"]
        ),
        // udev's daemon forks a worker per device event as root: no uid's
        // RLIMIT_NPROC holds it back (docs/kernel-facts.md §11.207).
        ProgramRule(
            program: "udev (udevd)", anyOf: ["fork of child failed"], allOf: ["udev"], kind: .process,
            note:
                "udevd forks a worker for each device event (`udev_event_run` in older udev, a worker process in later ones; systemd-udevd logs the same words) and runs as root, which RLIMIT_NPROC does not hold back (outside a user namespace): EAGAIN is udevd's own unit's TasksMax= (systemd-udevd.service), a container's pids limit, or the host's PID numbers or kernel.threads-max. When daemons of different units refuse forks in the same minutes (udevd, multipathd, sshd), a host-wide limit is full, not a unit's: count every task (`ps -eLf --no-headers | wc -l`) against kernel.pid_max and kernel.threads-max, and find the process that holds them (`ps -eo nlwp,pid,user,comm --sort=-nlwp | head`) before raising anything.",
            ruledOut: ["rlimit_nproc"]
        ),
        ProgramRule(
            program: "nginx", anyOf: ["fork() failed while spawning \""], kind: .process,
            note:
                "\(F.nginxForks). The master runs as root, which RLIMIT_NPROC does not hold back (outside a user namespace): EAGAIN is nginx's unit's TasksMax= or the container's pids limit. Set worker_processes to a number that fits twice over, or raise the limit (docs/kernel-facts.md §11.111).",
            firstCauses: ["cgroup_pids_limit"]
        ),
        ProgramRule(
            program: "nginx (thread pool)", anyOf: ["pthread_create() failed ("], allOf: ["[alert]"], kind: .thread,
            note:
                "\(F.nginxThreadPools). Fewer threads per pool or fewer workers, or raise the limit (docs/kernel-facts.md §11.111).",
            firstCauses: ["cgroup_pids_limit"]
        ),
        ProgramRule(
            program: "git",
            anyOf: [
                "cannot fork() for ", "fatal: unable to fork", "unable to fork off index-pack",
                "unable to fork off unpack-objects", "cannot fork to run external filter",
                "cannot fork to run subprocess",
            ],
            kind: .process,
            errnosWhenNone: ["EAGAIN", "ENOMEM"],
            note:
                "\(F.gitForks), and a clone or fetch that cannot fork git-upload-pack or ssh ends with `fatal: unable to fork`. \(F.gitHolds). Reproduced for real under a pids cgroup in Tests/scenarios/208 (docs/kernel-facts.md §11.112).",
            firstCauses: ["cgroup_pids_limit"]
        ),
        ProgramRule(
            program: "git",
            // With threads (every Linux build) start_async is a thread, and
            // fetch-pack then dies "unable to fork off sideband demultiplexer".
            anyOf: ["cannot create async thread: ", "unable to fork off sideband demultiplexer"], kind: .thread,
            note:
                "git runs some of its own work (a sideband demultiplexer, a filter) in a thread (run-command.c start_async) and dies when pthread_create refuses it; the limit was filled by what else runs beside git (docs/kernel-facts.md §11.112)."
        ),
        ProgramRule(
            program: "Postfix (master)", anyOf: ["master_spawn: fork: "], kind: .process,
            note:
                "Postfix's master forks each daemon (smtpd, cleanup, smtp, local, ...) on demand, up to its service's maxproc in master.cf (default_process_limit, 100), and when a fork fails it stops starting that service for a while (\"-- throttling\") and tries again, so mail waits rather than bounces. The master runs as root, which RLIMIT_NPROC does not hold back (outside a user namespace): EAGAIN is the postfix unit's TasksMax= or the container's pids limit, counting its daemons and the commands pipe(8) starts. Lower maxproc (or default_process_limit) to fit, or raise the limit (docs/kernel-facts.md §11.112).",
            firstCauses: ["cgroup_pids_limit"]
        ),
        // A daemon's socket() or connect() to its own services refused:
        // no task (§11.154).
        ProgramRule(
            program: "Postfix (a socket refused)",
            anyOf: ["fatal: socket: ", "to subsystem private/", "to subsystem public/"], allOf: ["postfix/"],
            notATask: "a socket (socket() or connect() to another Postfix daemon)",
            note:
                "A Postfix daemon could not open a socket (fatal: socket:) or connect to another daemon's UNIX socket (connect #N to subsystem ...): no process or thread was refused, and no task limit is the cause. ENOMEM there is kernel memory for the socket: on an OpenVZ or Virtuozzo container its numothersock and kmemsize counters in /proc/user_beancounters (a failcnt that grows names the one), which a flood of smtpd processes fills; lower default_process_limit or smtpd's maxproc in master.cf, or ask for a larger container (docs/kernel-facts.md §11.154)."
        ),
        ProgramRule(
            program: "Squid", anyOf: ["ipccreate: fork: "], kind: .process,
            note:
                "\(F.squidForks): \"(12) Cannot allocate memory\" (\"(12) Out of memory\" with musl) is the overcommit check refusing the charge, with memory free, not a task limit. With vm.overcommit_memory 2 it is Committed_AS past CommitLimit; with 0 one mapping larger than RAM + swap (5.2 and later), or the whole charge against what could be freed (before). Fixes: `vm.overcommit_memory = 1`, \(F.squidFixes) (docs/kernel-facts.md §11.112).",
            firstCauses: ["commit_limit"]
        ),
        // ClickHouse's pool throws CANNOT_SCHEDULE_TASK (Code: 439) both
        // for its own queue and for a thread the C library refused.
        ProgramRule(
            program: "ClickHouse", anyOf: ["cannot schedule a task: no free thread"],
            notATask: "ClickHouse's own thread pool, whose queue was full",
            note:
                "\"no free thread (timeout=N)\" is ClickHouse's thread pool refusing a job because its queue is full (thread_pool_queue_size for the global pool, 10000 by default, whose threads max_thread_pool_size caps): no thread was asked of the kernel. Raise max_thread_pool_size and thread_pool_queue_size together, or run fewer concurrent queries, merges and mutations (docs/kernel-facts.md §11.112)."
        ),
        ProgramRule(
            program: "ClickHouse",
            anyOf: [
                "cannot schedule a task: failed to start the thread",
                "cannot schedule a task: cannot allocate thread (",
            ],
            kind: .thread, errnosWhenNone: ["EAGAIN"],
            note:
                "ClickHouse could not start a thread for its pool: std::thread's constructor failed, that is pthread_create (\"failed to start the thread\" in current releases, \"cannot allocate thread\" in older ones; the exception hides the errno, which glibc makes EAGAIN). The global pool grows up to max_thread_pool_size threads (10000 by default) as queries, merges and mutations need them, so a busy server asks for thousands: its unit's TasksMax= or LimitNPROC=, the clickhouse user's RLIMIT_NPROC, a container's pids limit, or threads-max and pid_max on a small host. Lower max_thread_pool_size (and thread_pool_queue_size with it) to fit, or raise the limit; `SELECT metric, value FROM system.metrics WHERE metric LIKE 'GlobalThread%'` shows the pool's threads (docs/kernel-facts.md §11.112).",
            firstCauses: ["cgroup_pids_limit"]
        ),
        // PHP's pthreads extension: its warning for pthread_create's EAGAIN
        // (§11.213); any other errno it prints as "an unspecified system error (N)".
        ProgramRule(
            program: "PHP (pthreads extension)", anyOf: ["pthreads has detected that the "],
            allOf: ["could not be started, the system lacks the necessary resources"], kind: .thread,
            errnosWhenNone: ["EAGAIN"],
            note:
                "PHP's pthreads extension prints this warning when pthread_create returned EAGAIN for Thread::start() (the words are POSIX's for that errno; any other errno it prints as \"an unspecified system error (N)\"). Each pthreads Thread is a real thread running its own copy of the interpreter, so a script that starts one per job or connection reaches the task limits quickly: the PHP user's RLIMIT_NPROC, the unit's or container's pids limit, threads-max. A thread count that stops near 300 with memory free points to a 32-bit PHP's address space instead: its 3 GiB holds 384 stacks of 8 MiB (`ulimit -s`), fewer beside the heap and libraries (`file -L $(command -v php)`; a smaller `ulimit -s` or a 64-bit build). Join or reuse the threads (a Pool of Workers) instead of starting one per job (docs/kernel-facts.md §11.213)."
        ),
        // TeaSpeak's thread library prints pthread_create's return and
        // errno apart: 11 beside 12 is glibc's translated stack mapping
        // (docs/kernel-facts.md §11.211).
        ProgramRule(
            // Its errno line, not its first ("Could not spawn new thread. This is fatal!"),
            // which alone says nothing of which step failed.
            program: "TeaSpeak (its Thread-Pool library)", anyOf: ["[thread] errno message: cannot allocate memory"],
            kind: .thread, isMemoryMapping: true,
            note:
                "TeaSpeak's thread library prints pthread_create's return (\"Return code : 11\", EAGAIN) and then errno, which pthread_create does not set for its caller: errno 12 (\"Cannot allocate memory\") beside return 11 is what glibc leaves when the thread's stack could not be mapped. allocate_stack()'s mmap or guard-page mprotect failed with ENOMEM, and pthread_create returns it as EAGAIN (nptl/pthread_create.c: `retval = err == ENOMEM ? EAGAIN : err`); a refused clone would have left errno 11. So no task limit refused: the stack's memory did. Compare the process's thread count and mappings (`ls /proc/PID/task | wc -l`, `wc -l < /proc/PID/maps` against vm.max_map_count), its address space (`grep VmSize /proc/PID/status` against `ulimit -v`; a 32-bit build's 3-4 GiB), and under vm.overcommit_memory=2 Committed_AS against CommitLimit; a thread count that only grows is a leak (docs/kernel-facts.md §11.211).",
            ruledOut: ["cgroup_pids_limit", "rlimit_nproc", "pid_max", "threads_max"],
            firstCauses: ["map_count_limit", "rlimit_as", "address_space_32bit", "commit_limit"]
        ),
    ]
}
