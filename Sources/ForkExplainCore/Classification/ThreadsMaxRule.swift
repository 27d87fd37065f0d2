/// `threads_max`: docs/kernel-facts.md §1, row "kernel.threads-max": kernel/fork.c
/// copy_process() refuses with EAGAIN once nr_threads ≥ max_threads. The
/// holders' pools, when they fill it, are the first fix (§11.183).
struct ThreadsMaxRule: ClassificationRule {
    func evaluate(_ context: FailureContext) -> Verdict? {
        guard let threadsMax = context.pid.threadsMax, let tasks = context.pid.hostTasks, tasks >= threadsMax
        else { return nil }

        var evidence = [
            "\(tasks) tasks on the host (/proc/loadavg) ≥ kernel.threads-max \(threadsMax) (/proc/sys/kernel/threads-max)"
        ]
        evidence.append(contentsOf: HolderEvidence.lines(context.record.top))
        var verdict = Verdict(
            id: .threadsMax,
            confidence: .high,
            summary: "kernel.threads-max reached",
            bindingLimit: BindingLimit(key: "threads_max", name: "kernel.threads-max (host)"),
            kernelRule: "kernel/fork.c copy_process(): nr_threads ≥ max_threads → -EAGAIN",
            misleadingNote: MisleadingErrno.notMemoryNote(context),
            evidence: evidence,
            advice: (HolderScope.host(context, tasks: tasks)?.leadingAdvice.map { [$0] } ?? []) + [
                "Find and stop what holds the threads: `ps -eo nlwp,pid,comm --sort=-nlwp | head`.",
                "Raise the limit: `sysctl -w kernel.threads-max=\(threadsMax * 2)` (its default is RAM / (8 × kernel stack size)).",
            ]
                // A pod's process: kubelet's bounds, as for pid_max (§11.99).
                + (context.identity.isKubernetes ? KubeletPIDs.fixes : [])
        )
        ExpectedErrno.check(&verdict, cause: .threadsMax, in: context)
        return verdict
    }
}
