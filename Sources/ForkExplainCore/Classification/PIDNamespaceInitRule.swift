/// `pidns_init_dead`: the PID namespace new children would enter has lost its
/// init. docs/kernel-facts.md §1, row "PID namespace whose init (PID 1) has exited":
/// kernel/pid.c alloc_pid() fails with ENOMEM on purpose when PIDNS_ADDING is
/// cleared, on every kernel.
struct PIDNamespaceInitRule: ClassificationRule {
    func evaluate(_ context: FailureContext) -> Verdict? {
        let pid = context.pid
        guard context.kind == .process, let own = pid.pidNs, let target = pid.pidForChildrenNs, own != target
        else { return nil }

        var confidence: Confidence
        var evidence = [
            "pid_for_children namespace pid:[\(target)] differs from the process's own pid:[\(own)] (/proc/self/ns/pid_for_children, /proc/self/ns/pid): children go to a namespace created by unshare(CLONE_NEWPID)"
        ]
        if let tasks = pid.childrenNsTasks {
            guard tasks == 0 else { return nil }
            confidence = .high
            evidence.append(
                "0 tasks live in pid:[\(target)] (pid.children_ns_tasks, counted from /proc/*/ns/pid): its init, the first child forked into it, has exited"
            )
        } else if context.errno == "ENOMEM" {
            confidence = .medium
            evidence.append(
                "the tasks of pid:[\(target)] were not counted (pid.children_ns_tasks absent); ENOMEM is what a namespace without init gives"
            )
        } else {
            return nil
        }

        var verdict = Verdict(
            id: .pidNamespaceInitDead,
            confidence: confidence,
            summary: "PID namespace pid:[\(target)] has no init",
            bindingLimit: BindingLimit(
                key: "pidns_init:\(target)", name: "PID namespace pid:[\(target)] (its init exited)"),
            kernelRule: "kernel/pid.c alloc_pid(): namespace has no init (PIDNS_ADDING cleared) → -ENOMEM",
            misleadingNote: MisleadingErrno.glibcEPERMNote(context)
                ?? "ENOMEM here does not mean memory: kernel/pid.c alloc_pid() returns ENOMEM on purpose for a PID namespace whose init has exited (documented behaviour for PID namespaces).",
            evidence: evidence,
            advice: [
                "Run the command with `unshare --fork --pid ...` so that it becomes PID 1 of the new namespace and stays alive, or start it under a real init (tini, dumb-init) that outlives its children.",
                "A namespace whose init has died cannot be revived: restart the process that called unshare(CLONE_NEWPID) (here \(context.record.process?.comm ?? "the caller"), pid \(context.record.process?.pid.map(String.init) ?? "?")).",
            ]
        )
        ExpectedErrno.check(&verdict, cause: .pidNamespaceInitDead, in: context)
        return verdict
    }
}
