/// The causes of each errno, in order of likelihood, with the command that
/// checks each (docs/kernel-facts.md §1 table, §2 and §5). Data only: `Explainer` reads it.
struct CatalogCause: Sendable, Hashable {
    /// A verdict id where the classifier has one, else a descriptive key.
    var id: String
    var title: String
    /// When the cause applies (a kernel range, a glibc version, a call).
    var condition: String?
    /// Shell commands only: the renderer prints each after a `$` prompt.
    var checks: [String]
    /// What to do after the checks, in words (printed as prose, never as a
    /// command to type).
    var then: String? = nil
}

enum CauseCatalog {
    /// Entries that are another's limit under a different errno: listed
    /// after it, the entry is left out (`Explainer`). `unexplained` and
    /// `seccomp_or_policy` name several different causes: not here.
    static let sameLimit: [String: String] = ["pid_max": "pid_max_old_kernel", "pid_max_old_kernel": "pid_max"]

    /// Likelihood order per errno and call kind.
    static let orderings: [(errno: String, kind: CallKind, causes: [String])] = [
        (
            "ENOMEM", .process,
            ["pid_max_old_kernel", "pidns_init_dead", "commit_limit", "memcg_limit", "memory_exhausted", "popen_any"]
        ),
        ("EAGAIN", .process, ["cgroup_pids_limit", "rlimit_nproc", "pid_max", "threads_max"]),
        (
            "EAGAIN", .thread,
            [
                "cgroup_pids_limit", "rlimit_nproc", "pid_max", "map_count_limit", "rlimit_as", "address_space_32bit",
                "thread_stack_past_ram", "threads_max", "commit_limit", "memcg_limit", "memory_exhausted",
                "exec_in_progress",
            ]
        ),
        // glibc's pthread_create never returns ENOMEM; a C library that
        // passes the stack mapping's error through does (uClibc): then it
        // is the stack's memory (docs/kernel-facts.md §11.87).
        (
            "ENOMEM", .thread,
            [
                "commit_limit", "rlimit_as", "address_space_32bit", "thread_stack_past_ram", "map_count_limit",
                "memcg_limit", "memory_exhausted",
            ]
        ),
        ("ENOSPC", .process, ["pid_max_enospc", "userns_count", "pidns_nesting"]),
        ("EPERM", .process, ["glibc_29109", "seccomp_or_policy"]),
        ("EPERM", .thread, ["seccomp_thread_eperm"]),
        ("ENOSYS", .process, ["seccomp_clone3"]),
        ("ENOSYS", .thread, ["seccomp_clone3"]),
    ]

    /// An mmap refused with ENOMEM, not a task (HotSpot's os::commit_memory).
    static let memoryMapping = [
        "commit_limit", "map_count_limit", "rlimit_as", "address_space_32bit", "memory_exhausted",
    ]

    /// The thread stack's own causes, which a refused clone has passed
    /// (bionic's `clone failed`, the Go runtime's newosproc, §11.204, §11.208).
    static let stackCauses = [
        "map_count_limit", "rlimit_as", "address_space_32bit", "thread_stack_past_ram", "commit_limit",
    ]

    /// A clone refused with ENOMEM after the stack was made: kernel memory
    /// for the task, or PID numbers on a kernel before 4.1.
    static let cloneENOMEM = ["pid_max_old_kernel", "memcg_limit", "memory_exhausted"]

    static let pidCheck = "cat /proc/sys/kernel/pid_max; awk '{print $4}' /proc/loadavg"
    static let cgroupV2 =
        "d=/sys/fs/cgroup$(awk -F: '$1==0{print $3}' /proc/PID/cgroup); cat $d/pids.max $d/pids.current  # v2, repeat for each parent directory"

    static let causes: [String: CatalogCause] = [
        "pid_max_old_kernel": CatalogCause(
            id: "pid_max", title: "PID numbers used up (kernel.pid_max, zombies included)",
            condition:
                "kernels before 4.1 (CentOS/RHEL 7's 3.10) report it as ENOMEM; SUSE's 3.12 (SLES 12) carries the fix and says EAGAIN",
            checks: ["uname -r; " + pidCheck, "ps -eo nlwp,pid,comm --sort=-nlwp | head"]),
        "pidns_init_dead": CatalogCause(
            id: "pidns_init_dead", title: "the PID namespace new children enter has lost its init (PID 1)",
            condition: "after `unshare --pid` without `--fork`; ENOMEM on every kernel",
            checks: [
                "ls -l /proc/$$/ns/pid /proc/$$/ns/pid_for_children  # different inodes: children go to the new namespace"
            ]),
        "commit_limit": CatalogCause(
            id: "commit_limit", title: "overcommit accounting refused (memory may be free)",
            condition:
                "vm.overcommit_memory 2; or 0 with a large parent: before 5.2 its whole commit against free memory, since then one of its mappings larger than RAM + swap (docs/kernel-facts.md §11.91)",
            checks: [
                "grep -E 'Commit|MemAvail' /proc/meminfo; sysctl vm.overcommit_memory vm.overcommit_ratio",
                "grep VmData /proc/PID/status",
                "pmap -x PID | sort -n -k2 | tail -3  # the largest mappings, in KiB: mode 0 refuses one past MemTotal + SwapTotal",
            ]),
        "thread_stack_past_ram": CatalogCause(
            id: "commit_limit",
            title:
                "a thread stack larger than RAM + swap (a raised `ulimit -s`: glibc and libuv size threads from it), which the overcommit heuristic refuses with memory free",
            condition:
                "vm.overcommit_memory 0; every such thread fails, the first one too (docs/kernel-facts.md §11.73)",
            checks: [
                "grep 'stack size' /proc/PID/limits; grep -E 'MemTotal|SwapTotal' /proc/meminfo; sysctl vm.overcommit_memory"
            ]),
        "memcg_limit": CatalogCause(
            id: "memcg_limit", title: "the memory cgroup's limit, with no OOM victim",
            condition: nil,
            checks: [
                "d=/sys/fs/cgroup$(awk -F: '$1==0{print $3}' /proc/PID/cgroup); cat $d/memory.max $d/memory.current $d/memory.events"
            ]),
        "memory_exhausted": CatalogCause(
            id: "memory_exhausted", title: "RAM and swap really are used up",
            condition: nil,
            checks: ["grep -E 'MemAvail|SwapFree' /proc/meminfo; dmesg | grep -i 'out of memory'"]),
        "popen_any": CatalogCause(
            id: "unexplained", title: "any of the EAGAIN causes, if the failing call was popen()",
            condition:
                "glibc 2.29–2.37's popen reports every spawn failure as ENOMEM (2.38 and later give the real errno)",
            checks: ["ldd --version | head -1"],
            then:
                "on 2.29–2.37 the ENOMEM hides the real errno, most often EAGAIN: check its causes with `forkexplain explain EAGAIN`"
        ),
        "cgroup_pids_limit": CatalogCause(
            id: "cgroup_pids_limit",
            title: "a cgroup's pids.max (often on a parent: systemd TasksMax=, docker --pids-limit, podPidsLimit)",
            condition: nil,
            checks: [
                cgroupV2,
                "cat /sys/fs/cgroup/pids$(awk -F: '$2==\"pids\"{print $3}' /proc/PID/cgroup)/pids.{max,current}  # v1",
                "dmesg | grep 'fork rejected by pids controller'",
            ]),
        "rlimit_nproc": CatalogCause(
            id: "rlimit_nproc",
            title: "RLIMIT_NPROC (ulimit -u): every task of the real uid on the host, other containers too",
            condition: NPROCExemption.task,
            checks: [
                "ulimit -u; ps -L -U $(id -ru) --no-headers | wc -l  # RLIMIT_NPROC counts the real uid",
                "grep 'Max processes' /proc/PID/limits  # the limit in force, fixed at start",
            ]),
        "pid_max": CatalogCause(
            id: "pid_max", title: "PID numbers used up (kernel.pid_max or the namespace's pid_max; zombies count)",
            condition: nil,
            checks: [
                pidCheck,
                "ps -eo stat,ppid | awk '$1 ~ /^Z/ {print $2}' | sort | uniq -c | sort -rn | head  # parents of zombies",
            ]),
        "threads_max": CatalogCause(
            id: "threads_max", title: "kernel.threads-max reached",
            condition: nil,
            checks: ["cat /proc/sys/kernel/threads-max; awk '{print $4}' /proc/loadavg"]),
        // docs/kernel-facts.md §11.210: copy_fs() refuses CLONE_FS while
        // the process's own execve is in flight; no counter shows it.
        "exec_in_progress": CatalogCause(
            id: "exec_in_progress",
            title:
                "no limit: another thread of the same process was in execve (copy_fs() refuses every clone with CLONE_FS, so every pthread_create, until the exec fails or replaces the process)",
            condition:
                "a process that execs itself, or runs a failing exec, from one thread while others start threads",
            checks: [
                "strace -f -e trace=execve,clone,clone3 -p PID  # an execve in one thread when the clone got EAGAIN"
            ],
            then:
                "retry the thread creation on EAGAIN while the exec is in flight (Go's cgo retries 20 times), or create the threads before the exec or exec from a child"
        ),
        "map_count_limit": CatalogCause(
            id: "map_count_limit",
            title: "vm.max_map_count reached: no room for another memory mapping (each thread stack counts)",
            condition: nil,
            checks: ["wc -l < /proc/PID/maps; sysctl vm.max_map_count"]),
        "rlimit_as": CatalogCause(
            id: "rlimit_as", title: "RLIMIT_AS (ulimit -v): no address space for the thread stack",
            condition: nil,
            checks: ["grep -E 'address space|stack size' /proc/PID/limits; grep VmSize /proc/PID/status"]),
        // docs/kernel-facts.md §11.4 and §11.8: no verdict of the table names it.
        "address_space_32bit": CatalogCause(
            id: "unexplained",
            title:
                "a 32-bit process's own address space full (3 GiB on a 32-bit kernel, 4 GiB on a 64-bit one): heap and thread stacks leave no room for another stack, with no limit set",
            condition: "a 32-bit program or kernel",
            checks: [
                "uname -m; file -L /proc/PID/exe; grep VmSize /proc/PID/status; grep 'stack size' /proc/PID/limits"
            ]),
        "pid_max_enospc": CatalogCause(
            id: "pid_max", title: "PID numbers used up",
            condition: "kernels 4.15 to 4.18 report it as ENOSPC",
            checks: ["uname -r; " + pidCheck]),
        "pidns_nesting": CatalogCause(
            id: "unexplained", title: "PID or user namespaces nested deeper than 32 levels",
            condition: "unshare/clone with CLONE_NEWPID or CLONE_NEWUSER",
            checks: ["grep NSpid /proc/$$/status  # one number per PID namespace level"]),
        // docs/kernel-facts.md §11.68: the count is checked in every
        // ancestor user namespace, and each shows only its own limit.
        "userns_count": CatalogCause(
            id: "max_user_namespaces",
            title:
                "the count of user namespaces (user.max_user_namespaces, or max_pid_namespaces for CLONE_NEWPID) of the creator's namespace or an ancestor's: 0 turns them off, a sandbox may set 1 (bwrap --disable-userns, Flatpak), leaked namespaces fill it",
            condition: "unshare/clone with CLONE_NEWUSER or another CLONE_NEW* flag",
            checks: [
                "cat /proc/sys/user/max_user_namespaces  # on the host: inside a sandbox it shows that namespace's own value, not an ancestor's that binds",
                "lsns -t user -o NS,USER,NPROCS,COMMAND  # namespaces alive and who made them: count the user's against the limit",
            ],
            then:
                "raise it with `sysctl -w user.max_user_namespaces=N` and a file in /etc/sysctl.d where it is 0 or too small for the user's containers; where a sandbox set it (bwrap --disable-userns) run the nested tool outside that sandbox"
        ),
        "glibc_29109": CatalogCause(
            id: "unexplained",
            title:
                "any cause at all, if the call was posix_spawn, system or popen on glibc 2.34/2.35 (bug 29109 reports every failure as EPERM; builds of the 2.35 branch with the fix report the real errno)",
            condition: "glibc 2.34 or 2.35",
            checks: ["ldd --version | head -1"],
            then:
                "on 2.34, or 2.35 without the fix, the EPERM hides the real errno, most often EAGAIN: check its causes with `forkexplain explain EAGAIN`"
        ),
        "seccomp_or_policy": CatalogCause(
            id: "seccomp_or_policy", title: "a seccomp profile or LSM policy (namespace flags, container profiles)",
            condition: nil,
            checks: ["grep Seccomp /proc/PID/status", "ausearch -m avc -ts recent; journalctl -k | grep DENIED"]),
        // A thread's EPERM: glibc ≥ 2.34 makes threads with clone3 and
        // falls back only on ENOSYS (§6.9); the filter may be a runtime's,
        // a systemd unit's (§11.62) or a snap's (§11.66).
        "seccomp_thread_eperm": CatalogCause(
            id: "seccomp_or_policy",
            title:
                "a seccomp profile or filter that does not know clone3 and answers EPERM (an old container runtime's profile, a systemd unit's `SystemCallFilter=` allow-list, a snap's profile compiled with an old libseccomp), or an LSM policy",
            condition: "glibc ≥ 2.34 makes threads with clone3 and falls back to clone only on ENOSYS",
            checks: [
                "grep Seccomp /proc/PID/status", "systemctl show -p SystemCallFilter UNIT",
                "ausearch -m avc -ts recent; journalctl -k | grep DENIED",
            ],
            then:
                "with Seccomp 2 outside a container, allow clone3 in the unit's `SystemCallFilter=` (a drop-in line `SystemCallFilter=clone3`); for a snap (its executable under /snap/), a snapd built with a newer libseccomp and the snap installed again; in a container, a runtime whose profile answers clone3 with ENOSYS"
        ),
        "seccomp_clone3": CatalogCause(
            id: "seccomp_or_policy",
            title: "a seccomp profile that answers ENOSYS for clone3 (Docker's default); glibc falls back to clone",
            condition: nil,
            checks: ["grep Seccomp /proc/PID/status"]),
    ]
}
