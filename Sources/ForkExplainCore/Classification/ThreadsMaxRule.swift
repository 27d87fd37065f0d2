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
        // A small machine's own value: its memory leads the fixes (§11.176).
        let small = SmallMachineThreadsMax.finding(context)
        if let small { evidence.append(small.evidence) }
        // One process that holds most of them is what to look at first,
        // however small the machine (a 1 GB VPS's JVM of 7512 threads).
        let oneHolds =
            context.record.top?.holders?.first.map { Int64($0.threads ?? 0) * 2 >= tasks } ?? false
        let find = "Find and stop what holds the threads: `ps -eo nlwp,pid,comm --sort=-nlwp | head`."
        // Pools or one process that fill it (§11.183) name the holder; a
        // small machine's memory still leads unless one process holds most.
        let lead = HolderScope.host(context, tasks: tasks)?.leadingAdvice
        let ordered: [String] =
            small.map { oneHolds ? [lead ?? find, $0.advice] : [$0.advice] + (lead.map { [$0] } ?? []) + [find] }
            ?? (lead.map { [$0] } ?? []) + [find]
        var verdict = Verdict(
            id: .threadsMax,
            confidence: .high,
            summary: "kernel.threads-max reached",
            bindingLimit: BindingLimit(key: "threads_max", name: "kernel.threads-max (host)"),
            kernelRule: "kernel/fork.c copy_process(): nr_threads ≥ max_threads → -EAGAIN",
            misleadingNote: MisleadingErrno.notMemoryNote(context),
            evidence: evidence,
            // The raise last, unless a small machine's fix above raises it already.
            advice: ordered
                + (small == nil
                    ? [
                        "Raise the limit: `sysctl -w kernel.threads-max=\(threadsMax * 2)` (its default is RAM / (8 × kernel stack size))."
                    ] : [])
                // A pod's process: kubelet's bounds, as for pid_max (§11.99).
                + (context.identity.isKubernetes ? KubeletPIDs.fixes : [])
        )
        ExpectedErrno.check(&verdict, cause: .threadsMax, in: context)
        return verdict
    }
}
