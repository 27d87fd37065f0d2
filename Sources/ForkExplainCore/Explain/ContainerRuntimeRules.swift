/// What OCI runtimes (runc, crun) print when a container's process could
/// not be started, as docker, containerd, kubectl and podman pass it on
/// (docs/kernel-facts.md §11.123 to §11.125). runc's words name no errno
/// and often no task: the rules say which limit kills or refuses runc's own
/// helper, `runc init`, in what order. Part of `ProgramCatalog`, before the
/// others: a wrapped runc text holds words other rules know (`exec failed`).
enum ContainerRuntimeRules {
    /// runc is started by containerd or dockerd, not by a shell one could
    /// preload, and runc init dies with whatever it saw.
    static let unseen =
        "`forkexplain run` cannot record it: the engine (containerd, dockerd, CRI-O) starts runc, not your shell, and runc init dies with what it saw. Read the container's limits instead: `docker inspect --format '{{.HostConfig.PidsLimit}} {{.HostConfig.Memory}}' NAME` (0 or -1: none set), the container's pids.current against its pids.max and memory.events (`cat /sys/fs/cgroup/$(awk -F: '$1==0{print $3}' /proc/$(docker inspect -f '{{.State.Pid}}' NAME)/cgroup)/{pids.current,pids.max,memory.events}` on cgroup v2), and `dmesg | grep -E 'runc:\\[2:INIT\\]|fork rejected by pids controller'`."

    /// Whose pids.max nsexec's forks count in: runc applies the cgroup
    /// before a create's bootstrap, and an exec's only after nsexec
    /// finished until runc#4812 started it in the cgroup (§11.124).
    static let nsexecPids =
        "the container's for `docker run`, and for an exec with a runc that starts runc init in the container's cgroup (runc#4812, 2025, cgroup v2); an older runc's exec forks in the cgroup runc runs in (the engine's shim, its unit's TasksMax=)"

    /// The catalog's condition speaks of `unshare --pid`; a container
    /// loses its init otherwise (§11.104).
    static let initGone =
        "the container's PID 1 has exited while the container is still listed as running, or it is stopping: `docker inspect -f '{{.State.Pid}}' NAME`, then `ps -p` on that pid"

    static let rules: [ProgramRule] = [
        // runc 1.0.0-rc94 and later add these words when the cgroup's
        // oom_kill count rose during the start (libcontainer/process_linux.go).
        ProgramRule(
            program: "runc (runc init OOM-killed)",
            anyOf: ["container init was oom-killed", "(possibly oom-killed)"], kind: .process,
            errnosWhenNone: ["ENOMEM"],
            note:
                "runc counted an OOM kill in the container's memory cgroup while it started the process: runc init, runc's own helper, runs in that cgroup before the container's program does, so a limit of a few MiB kills it (the kernel's log names `runc:[2:INIT]`; opencontainers/runc#1980 at 10 MiB). `container init was OOM-killed (memory limit too low?)` is `docker run`'s, `(possibly OOM-killed)` after another error is `docker exec`'s, which only knows that something in the cgroup was killed. Check `dmesg | grep -A3 'runc:\\[2:INIT\\] invoked oom-killer'` and memory.events' oom_kill; fix: a memory limit above what runc init needs (tens of MiB), `docker run -m` or the pod's `resources.limits.memory` (docs/kernel-facts.md §11.124).",
            ruledOut: ["pid_max_old_kernel", "pidns_init_dead", "commit_limit", "popen_any"],
            firstCauses: ["memcg_limit"],
            conditions: [
                "memcg_limit":
                    "here with a victim: the OOM killer ends runc init (`runc:[2:INIT]` in dmesg) instead of refusing, and memory.events' oom_kill counts it"
            ],
            unrecorded: unseen
        ),
        // The socket pair runc reads runc init's answers from is named
        // init-p (libcontainer/utils.NewSockPair); the read finds it reset
        // when runc init died with runc's data unread (§11.123).
        ProgramRule(
            program: "runc (runc init died in the container's cgroup)",
            anyOf: ["read init-p: connection reset by peer"], kind: .thread, errnosWhenNone: ["EAGAIN"],
            note:
                "runc talks to its helper, runc init, over a socket pair named init-p; `read init-p: connection reset by peer` is runc finding runc init dead with runc's data unread: it died before it started the container's process, and runc says no more. \(ProgramForkFacts.runcInitInCgroup). First the container's pids.max: a container at or near its pids limit (`--pids-limit`, a pod's podPidsLimit) leaves no room for them, pthread_create fails with EAGAIN and runc init aborts (`runtime/cgo: pthread_create failed: Resource temporarily unavailable`, SIGABRT; opencontainers/runc#1914, #4083); the container's own processes meet the same limit (`fork: Resource temporarily unavailable` inside it). Then a memory limit of a few MiB, which OOM-kills runc init (podman#1579 at 5 MiB, runc#1980 at 10 MiB; dmesg names `runc:[2:INIT]`). Fix: raise the limit (`docker update --pids-limit N NAME`, the pod's or kubelet's `podPidsLimit`, a memory limit of tens of MiB) or find what fills it (zombies under a PID 1 that reaps none: `docker run --init`). With `getting the final child's pid from pipe` in the text runc init died earlier, in its C part before any Go thread: its `nsenter:` or `nsexec` line says why (docs/kernel-facts.md §11.123, §11.124).",
            ruledOut: ["address_space_32bit"],
            firstCauses: ["cgroup_pids_limit", "memcg_limit"],
            conditions: [
                "cgroup_pids_limit":
                    "the container's pids.max: runc init and its Go runtime's threads count in it before the container's process exists",
                "memcg_limit":
                    "here with a victim: a limit of a few MiB OOM-kills runc init (`runc:[2:INIT]` in dmesg, oom_kill in memory.events) before it refuses anything",
            ],
            unrecorded: unseen
        ),
        // runc's first write on init-p is the bootstrap data (process_linux.go
        // `copying bootstrap data to pipe`); EPIPE means runc init was gone
        // before it read it (runc#2736 at a memory limit of 1000 bytes;
        // bgpeer/nodekit#154 under vm.overcommit_memory 2; §11.216).
        ProgramRule(
            program: "runc (runc init died before it read its bootstrap data)",
            anyOf: ["write init-p: broken pipe"], kind: .process, errnosWhenNone: ["ENOMEM", "EAGAIN"],
            note:
                "runc sends its helper, runc init (runc's own binary, re-executed), the container's bootstrap data over a socket pair named init-p; `write init-p: broken pipe` is that write finding runc init already gone, so it died while it loaded or started, before the container's process existed, and runc says no more. Memory first: a memory limit of a few MiB OOM-kills it (opencontainers/runc#2736 reproduces these words at a limit of 1000 bytes; dmesg names `runc:[2:INIT]`), and on a host with vm.overcommit_memory 2 whose Committed_AS is near CommitLimit the kernel refuses runc init (or its Go runtime) memory with RAM free: Go daemons (dockerd, containerd, the shims, runc) commit far more than they use, so each new container takes more commit than it touches (bgpeer/nodekit#154: `write init-p: broken pipe` from the 6th container at Committed_AS 94.7 % of CommitLimit, 2.3 GB available, swap untouched, and `__vm_enough_memory: … not enough memory for the allocation` in dmesg, the kernel's own line since 2022). Then the container's pids.max, which runc init's threads count in. Fix: a memory limit of tens of MiB; in mode 2 a larger CommitLimit or `vm.overcommit_memory=0`; a higher pids limit (docs/kernel-facts.md §11.123, §11.216).",
            ruledOut: ["address_space_32bit", "pid_max_old_kernel", "popen_any"],
            firstCauses: ["memcg_limit", "commit_limit", "cgroup_pids_limit"],
            conditions: [
                "memcg_limit":
                    "here with a victim: a limit of a few MiB OOM-kills runc init (`runc:[2:INIT]` in dmesg, oom_kill in memory.events) before it reads runc's data",
                "commit_limit":
                    "vm.overcommit_memory 2 on the host: Committed_AS near CommitLimit, and `__vm_enough_memory: … not enough memory for the allocation` in dmesg (kernels since 2022) names the task refused",
                "cgroup_pids_limit":
                    "the container's pids.max: runc init and its Go runtime's threads count in it before the container's process exists",
            ],
            unrecorded: unseen
        ),
        // nsexec's bail() logs `nsexec-N[PID]: MESSAGE: strerror` (runc
        // 1.1 and later, libcontainer/nsenter/log.c) where older runc
        // printed `nsenter: unable to fork` (UidChangeProgramRules).
        ProgramRule(
            program: "runc (nsexec, starting runc init's stages)",
            anyOf: ["unable to spawn stage-1", "unable to spawn stage-2"], kind: .process,
            note:
                "runc init's C part (nsexec) forks twice before the container's process exists: stage-0 clones stage-1, which joins or makes the container's namespaces and clones stage-2, the one born in the container's PID namespace. EAGAIN is a pids limit first: the container's where runc init is already in its cgroup, which is always so for `docker run` and, for `docker exec`, since runc#4812 (2025) on cgroup v2 (`unable to spawn stage-1: Resource temporarily unavailable` in a container at its limit); an older runc's exec forks where runc itself runs (the engine's shim, its unit's TasksMax=). Then the RLIMIT_NPROC of a rootless runc's user. ENOMEM on stage-2 of an exec is the container's PID namespace without its init: its PID 1 exited and the kernel refuses every new process there (§11.104); restart the container (docs/kernel-facts.md §11.124).",
            firstCauses: ["pidns_init_dead", "cgroup_pids_limit"],
            conditions: ["cgroup_pids_limit": nsexecPids, "pidns_init_dead": initGone],
            unrecorded: unseen
        ),
        // runc's setnsProcess wraps runc init's exit status in these words:
        // nsexec exits 1 on every failure it bails on (§11.124).
        ProgramRule(
            program: "runc (exec into a container: nsexec exited)",
            anyOf: ["error executing setns process: exit status 1"], kind: .process,
            errnosWhenNone: ["ENOMEM", "EAGAIN"],
            note:
                "`docker exec`, `kubectl exec` or `runc exec` started runc init, whose C part (nsexec) joins the container's namespaces and forks into them, and it exited 1: nsexec exits 1 on every failure, and the line it logged (`nsexec-0[PID]: …`, older runc `nsenter: …`) is the reason, which the engine may drop (look in containerd's or dockerd's journal). First the container's init: when the container is stopping, or its PID 1 has exited while it is still listed as running, the namespaces cannot be opened (`failed to open /proc/PID/ns/…`) or the fork into its PID namespace is refused with ENOMEM (§11.104); `docker inspect -f '{{.State.Pid}}' NAME` and `ps -p` on that pid tell. Then a pids limit on nsexec's fork (`unable to spawn stage-1: Resource temporarily unavailable`): the container's since runc#4812 (2025) starts runc init in its cgroup on cgroup v2, before that the one runc runs in (the shim's unit, TasksMax=) (§11.124). Only these two are task limits.",
            ruledOut: ["popen_any"],
            firstCauses: ["pidns_init_dead", "cgroup_pids_limit"],
            conditions: ["cgroup_pids_limit": nsexecPids, "pidns_init_dead": initGone],
            unrecorded: unseen,
            errnosOnly: ["ENOMEM", "EAGAIN"]
        ),
        // libcrun reports a failed syscall_clone as crun_make_error(err,
        // errno, "clone"), printed `clone: STRERROR`; podman puts `crun: `
        // before it (§11.125).
        ProgramRule(
            program: "crun", anyOf: ["crun: clone: "], kind: .process,
            note:
                "crun creates a container's process with a raw clone(2) that carries the new namespaces' flags (libcrun's linux.c) and reports its errno as `clone: STRERROR`; podman prints it as `Error: crun: clone: …: OCI runtime error`. EAGAIN is a task limit: the pids.max of the cgroup the new task is charged to (crun's own, the unit or slice podman and conmon run in with its TasksMax=, or the container's when the clone targets it with CLONE_INTO_CGROUP), the RLIMIT_NPROC of a rootless user. ENOSPC is a namespace count (`user.max_user_namespaces`), EINVAL or EPERM a namespace the kernel or a policy refused, not a task limit (docs/kernel-facts.md §11.125).",
            unrecorded:
                "`forkexplain run` cannot record it: crun's clone is a raw system call, which the shim does not see; `forkexplain watch` (root) does."
        ),
    ]
}
