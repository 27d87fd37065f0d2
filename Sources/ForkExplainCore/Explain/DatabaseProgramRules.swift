/// Database servers whose messages reach the reader through a client or a
/// log: the limit is the server's, and each has its own knob
/// (docs/kernel-facts.md §11.86 to §11.88). Part of `ProgramCatalog`.
enum DatabaseProgramRules {
    static let rules: [ProgramRule] = [
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
