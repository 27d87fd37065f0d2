/// Programs that change their uid before the program they start, and whose
/// messages say so: a set*uid refused with EAGAIN (kernels before 3.1), an
/// execve refused with EAGAIN after a set*uid, and runc's fork into a
/// container's PID namespace (docs/kernel-facts.md §11.102, §11.104,
/// §11.151). Part of `ProgramCatalog`.
enum UidChangeProgramRules {
    static let rules: [ProgramRule] = [
        // su's `cannot set user id`, sshd's `setresuid UID:` (uidswap.c):
        // the set*uid itself refused, which since 3.1 it no longer is for
        // RLIMIT_NPROC (§11.151).
        ProgramRule(
            program: "a set*uid refused (su, sshd, on a kernel before 3.1)",
            anyOf: ["cannot set user id", "setresuid ", "setreuid "], kind: .process,
            failedCall: "a set*uid call (setuid, setresuid), which creates no task",
            note:
                "The uid change itself (setuid, setresuid) was refused, not a fork: before Linux 3.1 a set*uid failed with EAGAIN when the new uid already had as many tasks as the RLIMIT_NPROC in force in the calling process (su's or sshd's child, whose limit pam_limits has just set for the target user: 1024 from RHEL 6's /etc/security/limits.d/90-nproc.conf), unless the new uid is root; no capability exempts it. RHEL and CentOS 6's 2.6.32 kernel still refuses there. Since 3.1 the set*uid succeeds and the next execve fails instead (`su: failed to execute /bin/bash: Resource temporarily unavailable`), so on a later kernel this EAGAIN is only a failed kernel allocation of the user's accounting, memory. A pids limit cannot cause it (no task is made). Count the target user's tasks (`ps -L -U USER --no-headers | wc -l`) against its nproc (`su - USER -s /bin/sh -c 'ulimit -u'` from another account, `grep -r nproc /etc/security/limits.conf /etc/security/limits.d/`), then raise the user's nproc or end its runaway processes (docs/kernel-facts.md §11.151).",
            ruledOut: ["cgroup_pids_limit", "pid_max", "threads_max"], firstCauses: ["rlimit_nproc"],
            conditions: ["rlimit_nproc": NPROCExemption.setUidBefore31],
            unrecorded:
                "`forkexplain run` does not record it: the shim sees task creation, and a set*uid creates none. Count the target user's tasks (`ps -L -U USER --no-headers | wc -l`) against the nproc limit its login gets (`grep -r nproc /etc/security/limits.conf /etc/security/limits.d/`), and check the kernel (`uname -r`: before 3.1, or RHEL 6's 2.6.32).",
            errnosOnly: ["EAGAIN"]
        ),
        ProgramRule(
            program: "an exec after a uid change (runc, su, sudo, setpriv, runguard)",
            anyOf: [
                "exec user process caused", ": exec /", "su: failed to execute", "runuser: failed to execute",
                "setpriv: failed to execute", "sudo: unable to execute", "runguard: cannot start `",
            ],
            // Older su says `su: SHELL: strerror`.
            lineStarts: ["exec /", "su: /"], kind: .process,
            failedCall: "the execve of a program after a uid change, which creates no task",
            note:
                "The exec (execve) of the program was refused, not a fork: execve fails with EAGAIN only in a process that changed its real uid (runc starting a container's process as its USER or `-u`, su, sudo, setpriv, a judge's runguard starting a submission as its own user) while that uid already ran more tasks than the RLIMIT_NPROC in force; the kernel defers the set*uid's refusal to the next execve (PF_NPROC_EXCEEDED), and only a change to the host's uid 0 is never refused: CAP_SYS_RESOURCE and CAP_SYS_ADMIN, which exempt a fork, do not exempt this (docs/kernel-facts.md §11.102, §11.113). The count is every task of that uid on the host, host processes and other containers with the same uid included, not the container's own, so a small `--ulimit nproc=`, an OCI RLIMIT_NPROC or a compose `ulimits: nproc:` refuses the container's first process when the uid is busy elsewhere. A pids limit cannot cause it (an exec makes no task). Fix: run the container's user as a uid nothing else on the host uses (or in a user namespace), raise or drop the nproc limit, and bound one container with a pids limit (`--pids-limit`) instead.",
            ruledOut: ["cgroup_pids_limit", "pid_max", "threads_max"], firstCauses: ["rlimit_nproc"],
            conditions: ["rlimit_nproc": NPROCExemption.execAfterUidChange],
            unrecorded:
                "`forkexplain run` does not record it: the shim sees task creation, and an exec creates none. Count the uid's tasks on the host (`ps -L -U UID --no-headers | wc -l`, UID the container's user as the host numbers it) against the limit the runtime set (`docker inspect -f '{{.HostConfig.Ulimits}}' NAME`, or the daemon's `default-ulimits`).",
            errnosOnly: ["EAGAIN"]
        ),
        ProgramRule(
            program: "runc (nsexec, entering a container)", anyOf: ["nsenter: unable to fork"], kind: .process,
            note:
                "runc's nsexec prints this when `docker exec` (or `runc exec`) forks after joining the container's namespaces: the child is born in the container's PID namespace. ENOMEM there, with memory free and other containers still accepting exec, is that namespace having lost its init: the container's PID 1 exited while other processes (an earlier exec's, a daemon's) kept it listed as running, and the kernel refuses every new process in it (docs/kernel-facts.md §11.104). `docker inspect -f '{{.State.Pid}}' NAME` and `ps -p` on that pid show it gone; restart the container. On kernels before 4.1 a host out of PID numbers also said ENOMEM, but then every container fails alike. EAGAIN is the container's pids.max or its user's RLIMIT_NPROC.",
            firstCauses: ["pidns_init_dead"]
        ),
    ]
}
