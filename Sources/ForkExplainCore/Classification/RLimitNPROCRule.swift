/// `rlimit_nproc`: the real uid's task count reached RLIMIT_NPROC. docs/kernel-facts.md §1,
/// row "RLIMIT_NPROC": kernel/fork.c copy_process() counts every task of the
/// real uid on the host; root and CAP_SYS_RESOURCE/CAP_SYS_ADMIN are exempt;
/// the limit in force is the process's own, fixed when it started.
struct RLimitNPROCRule: ClassificationRule {
    func evaluate(_ context: FailureContext) -> Verdict? {
        let limits = context.limits
        guard limits.nprocExempt == nil, let soft = limits.nproc?.soft?.number, let tasks = limits.uidTasks,
            tasks >= soft
        else { return nil }

        let uid = context.record.process?.uid.map(String.init) ?? "?"
        let pid = context.record.process?.pid.map(String.init) ?? "PID"
        var verdict = Verdict(
            id: .rlimitNproc,
            confidence: .high,
            summary: "RLIMIT_NPROC reached by uid \(uid)",
            bindingLimit: BindingLimit(key: "rlimit_nproc:uid=\(uid)", name: "RLIMIT_NPROC of uid \(uid)"),
            kernelRule:
                "kernel/fork.c copy_process(): the real uid's task count reached RLIMIT_NPROC (is_rlimit_overlimit UCOUNT_RLIMIT_NPROC) → -EAGAIN",
            misleadingNote: MisleadingErrno.notMemoryNote(context),
            evidence: [
                "uid \(uid) has \(tasks) tasks (limits.uid_tasks, threads included, counted in /proc) ≥ RLIMIT_NPROC soft limit \(soft) (/proc/\(pid)/limits \"Max processes\")",
                "the count is every task of real uid \(uid) on the host, threads included, other containers running as the same uid too; the limit in force is this process's own, fixed when it started",
            ],
            advice: [
                "Raise it where the process starts: `ulimit -u N` in the launching shell, `LimitNPROC=` in a systemd unit, `nproc` in /etc/security/limits.conf (login sessions).",
                "Restart the daemon afterwards: the limit is read once at start (check /proc/\(pid)/limits).",
                "Or run the workload under its own uid, so that other processes of uid \(uid) do not count against it.",
            ]
        )
        ExpectedErrno.check(&verdict, cause: .rlimitNproc, in: context)
        return verdict
    }
}
