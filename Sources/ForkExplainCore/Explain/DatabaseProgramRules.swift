/// Database servers whose messages reach the reader through a client or a
/// log: the limit is the server's, and each has its own knob
/// (docs/kernel-facts.md §11.86 to §11.88, §11.94 to §11.96). Part of
/// `ProgramCatalog`.
enum DatabaseProgramRules {
    /// Every fork of PostgreSQL's postmaster, whatever it was for.
    static let postgresForkNote =
        "PostgreSQL's postmaster forks a process for every connection, autovacuum worker and parallel worker, and logs its fork's errno; a client (psql, libpq's `PG::ConnectionBad`, a JDBC driver) only relays it, so the client's limits are not the cause. EAGAIN (\"Resource temporarily unavailable\") is a task limit on the postmaster: its container's pids limit, its unit's TasksMax= or LimitNPROC= (postgresql@15-main.service; /etc/security/limits.conf does not apply to a service), or RLIMIT_NPROC of the postgres user. The postmaster and its auxiliary processes (5 on PostgreSQL 15 to 17: checkpointer, background writer, walwriter, autovacuum launcher, logical replication launcher; 6 on 10 to 14 with the stats collector; 8 on 18 with 3 I/O workers), max_connections, autovacuum_max_workers (3) and the parallel workers in use must fit it, and a connection past max_connections still forks a backend to turn it away. ENOMEM (\"Cannot allocate memory\") is memory for the fork: PostgreSQL's docs propose strict overcommit (vm.overcommit_memory=2) on a database host, and under it a fork is refused when Committed_AS would pass CommitLimit, which the backends' memory (work_mem per sort or hash, per connection) fills, not the postmaster's own: lower max_connections or work_mem, pool connections (PgBouncer), or raise vm.overcommit_ratio (docs/kernel-facts.md §11.94, §11.95)."

    static let rules: [ProgramRule] = [
        ProgramRule(
            program: "PostgreSQL",
            anyOf: [
                "could not fork new process for connection", "could not fork autovacuum",
                "could not fork background writer", "could not fork checkpointer", "could not fork wal writer",
                "could not fork wal receiver", "could not fork startup process", "could not fork archiver",
                "could not fork system logger",
            ],
            kind: .process, errnosWhenNone: ["EAGAIN", "ENOMEM"],
            note: postgresForkNote, firstCauses: ["commit_limit", "cgroup_pids_limit"]
        ),
        // PostgreSQL 18 names the child type in one message:
        // `could not fork "checkpointer" process: %m` (§11.94).
        ProgramRule(
            program: "PostgreSQL", anyOf: ["could not fork \""], allOf: ["\" process: "], kind: .process,
            errnosWhenNone: ["EAGAIN", "ENOMEM"], note: postgresForkNote,
            firstCauses: ["commit_limit", "cgroup_pids_limit"]
        ),
        ProgramRule(
            program: "PostgreSQL", anyOf: ["failed on request of size"], isMemoryMapping: true,
            note:
                "PostgreSQL's \"out of memory\" with \"Failed on request of size N\" is a backend whose malloc was refused: not a failed task creation. Under the strict overcommit PostgreSQL's docs propose (vm.overcommit_memory=2) that is the commit limit: Committed_AS at CommitLimit, filled by every backend's work_mem and maintenance_work_mem; the memory context dump above it in the log says which context grew (docs/kernel-facts.md §11.95).",
            firstCauses: ["commit_limit"]
        ),
        // ORA-27300 wraps every OS call (semop, shmget, open): only its
        // fork, and the spawner's own skgpspawn, are a task's (§11.152).
        ProgramRule(
            program: "Oracle Database",
            anyOf: ["operation:fork failed", "operation: fork failed", "op = fork", "skgpspawn"], kind: .process,
            note:
                "Oracle's process spawner (PSP0) forks every background and server process of the instance (one per dedicated connection, the parallel servers Pnnn, the PZnn slaves) as the oracle user, and reports the fork's errno as ORA-27300's status (11 EAGAIN, 12 ENOMEM) with its strerror in ORA-27301 (AIX and Solaris say \"Not enough space\" for ENOMEM); ORA-27302 says where (skgpspawnN). EAGAIN is a task limit on the oracle user: its nproc in /etc/security/limits.d/oracle-database-preinstall-*.conf (or limits.conf) for an instance started from a login, the unit's LimitNPROC= and TasksMax= when systemd starts it (Oracle Restart's ohasd, a dbora.service; limits.conf does not apply to a service), or kernel.pid_max: Oracle's note on this error raises pid_max to the nproc limit plus about 8192. The instance's PROCESSES parameter bounds its own processes (ORA-00020 past it), so nproc, TasksMax= and pid_max must leave room above PROCESSES for the listener, the agents and every other task of oracle. ENOMEM is memory for the fork: RAM and swap (Oracle's note asks for swap of 0.75 to 1.5 times RAM), or the commit limit under vm.overcommit_memory=2 (docs/kernel-facts.md §11.152).",
            // EAGAIN: the oracle user's count, then pid_max (Oracle's note);
            // ENOMEM: memory and swap first.
            firstCauses: ["rlimit_nproc", "pid_max", "memory_exhausted", "commit_limit"]
        ),
        ProgramRule(
            program: "MongoDB (mongod / mongos)",
            anyOf: [
                "pthread_create failed: errno:", "\"msg\":\"pthread_create failed\"",
                "\"msg\":\"thread creation failed\"",
                "failed to create service entry worker thread", "can't create new thread, closing connection",
                // mongod 3.x's terminate handler on a connection's std::thread
                // (github.com/mongodb-partners/mongo-rocks/issues/147).
                "] std::exception::what(): thread constructor failed",
            ],
            // No errno printed: pthread_create's own pair (EAGAIN, EPERM)
            // stands, and the pids limit stays first, as for any thread:
            // containers and snap units refuse mongod's threads as often
            // as the mongod user's RLIMIT_NPROC does (§11.96).
            kind: .thread, note: MongoDBThreads.note
        ),
        ProgramRule(
            program: "MongoDB (mongod)", anyOf: ["soft rlimits too low. rlimits set to"], kind: .thread,
            errnosWhenNone: ["EAGAIN"],
            note:
                "mongod 3.x to 4.2 warns at start when its soft RLIMIT_NPROC is below half its soft RLIMIT_NOFILE; 4.4 and later check only the open files (\"Soft rlimits too low\" with recommendedMinimum 64000, later \"Soft rlimits for open file descriptors too low\"). \(MongoDBThreads.note)",
            firstCauses: ["rlimit_nproc"]
        ),
        ProgramRule(
            program: "Redis", anyOf: ["can't save in background"], kind: .process,
            note:
                "Redis forks a child holding its whole dataset for BGSAVE, an AOF rewrite or a replica's full sync (with `save \"\"` too), and the fork is charged the parent's private writable memory: with vm.overcommit_memory 2 when that takes Committed_AS past CommitLimit, with 0 on kernels before 5.2 when it is more than the kernel reckons could be freed. Free RAM does not help: the pages are shared copy-on-write, the charge is not. Redis warns at start (\"WARNING overcommit_memory is set to 0!\", later releases \"Memory overcommit must be enabled!\") and asks for `vm.overcommit_memory = 1` in /etc/sysctl.conf (or a file in /etc/sysctl.d) and `sysctl vm.overcommit_memory=1`. The setting is the host's, not a container's: a Redis in a container needs it on the host. Until a save works Redis refuses writes (MISCONF) (docs/kernel-facts.md §11.86).",
            firstCauses: ["commit_limit"]
        ),
        ProgramRule(
            program: "MySQL / MariaDB",
            anyOf: ["can't create thread to handle", "can't create a new thread", "er_cant_create_thread", "[1135]"],
            kind: .thread,
            note:
                "This is mysqld's error 1135 (ER_CANT_CREATE_THREAD): the server could not start the thread for a new connection, and a client (PHP's PDO `SQLSTATE[HY000] [1135]`, a Node or Kamailio driver) only relays it, so the client's host and limits are not the cause. mysqld runs one thread per connection beside several dozen of its own (InnoDB's I/O, purge and page cleaner threads): max_connections plus those must fit mysqld's limit, its unit's TasksMax= or LimitNPROC= (/etc/security/limits.conf does not apply to a systemd service) or its container's pids limit. The number is pthread_create's return: glibc's is 11 (EAGAIN) for every refusal, a failed stack mapping included; 12 (ENOMEM) comes from a C library that passes the stack mapping's error through (uClibc) or another system, and is memory for the thread's stack (thread_stack), not a task limit (docs/kernel-facts.md §11.87)."
        ),
        ProgramRule(
            program: "MySQL / MariaDB (InnoDB)", anyOf: ["innodb: pthread_create returned", "os_thread_create"],
            kind: .thread, errnosWhenNone: ["EAGAIN"],
            note:
                "InnoDB starts its background threads while mysqld starts (innodb_read_io_threads and innodb_write_io_threads, 4 each by default, the purge threads and page cleaners) and aborts the server ([FATAL], a core) when one is refused, so mysqld does not start at all. 11 is EAGAIN: mysqld's task limit (its unit's TasksMax= or LimitNPROC=, a container's pids limit), or the thread's stack mapping refused, which on a small machine (a NAS, a router, a 32-bit build) is memory: lower innodb_read_io_threads, innodb_write_io_threads and thread_stack in my.cnf, or add swap (docs/kernel-facts.md §11.88)."
        ),
    ]
}
