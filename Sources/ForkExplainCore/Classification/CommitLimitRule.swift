/// `commit_limit`: overcommit accounting refused while RAM may be free.
/// docs/kernel-facts.md §1, row "overcommit refusal", and "Overcommit policy": fork's
/// dup_mmap() → security_vm_enough_memory_mm() → mm/util.c
/// __vm_enough_memory(). Mode 2 refuses once Committed_AS would pass
/// CommitLimit; a fork needs the parent's private writable memory (≈ VmData)
/// of headroom. Mode 0 before v5.2 refused a large parent's fork.
struct CommitLimitRule: ClassificationRule {
    func evaluate(_ context: FailureContext) -> Verdict? {
        let memory = context.memory
        guard context.errnoSaysMemory, let mode = memory.overcommitMemory else { return nil }

        // What the failed call had to commit: a fork copies VmData; a thread
        // maps its stack; vfork and posix_spawn share the parent's memory.
        let needKb: Int64
        let needWhat: String
        if context.call == .pthreadCreate {
            let stack = context.record.call?.stackSizeBytes ?? context.limits.stack?.soft?.number ?? 0
            needKb = stack / 1024
            needWhat = "the thread stack \(Quantity.bytes(stack)) (call.stack_size_bytes)"
        } else if context.copiesAddressSpace {
            needKb = memory.vmDataKb ?? 0
            needWhat = "the parent's VmData \(Quantity.kibibytes(needKb)) (/proc/self/status)"
        } else {
            needKb = 0
            needWhat = "almost nothing (\(context.callDescription) shares the parent's memory)"
        }

        var confidence: Confidence
        var evidence: [String]
        if mode == 2, let limit = memory.commitLimitKb, let committed = memory.committedAsKb {
            let modeLine =
                "vm.overcommit_memory 2 (strict), overcommit_ratio \(memory.overcommitRatio.map(String.init) ?? "?") (/proc/sys/vm)"
            if committed + needKb > limit {
                confidence = .high
                evidence = [
                    modeLine,
                    "Committed_AS \(Quantity.kibibytes(committed)) + \(needWhat) = \(Quantity.kibibytes(committed + needKb)) > CommitLimit \(Quantity.kibibytes(limit)) (/proc/meminfo)",
                ]
            } else if Double(committed) >= Double(limit) * 0.95 {
                confidence = .medium
                evidence = [
                    modeLine,
                    "Committed_AS \(Quantity.kibibytes(committed)) is \(Quantity.percent(committed, of: limit)) of CommitLimit \(Quantity.kibibytes(limit)) (/proc/meminfo); \(needWhat) more did not fit when the call was made",
                ]
            } else {
                return nil
            }
        } else if mode == 0, context.copiesAddressSpace, let kernel = context.kernel, kernel < ReleaseVersion(5, 2),
            let data = memory.vmDataKb, let available = memory.memAvailableKb,
            data > available + (memory.swapFreeKb ?? 0)
        {
            confidence = .medium
            let free = available + (memory.swapFreeKb ?? 0)
            evidence = [
                "vm.overcommit_memory 0 (heuristic) on kernel \(kernel), before v5.2 (8c7829b04c52) the whole fork is checked at once",
                "the parent's VmData \(Quantity.kibibytes(data)) > MemAvailable + SwapFree \(Quantity.kibibytes(free)) (/proc/meminfo, /proc/self/status)",
            ]
        } else {
            return nil
        }
        if let available = memory.memAvailableKb {
            evidence.append(
                "MemAvailable was \(Quantity.kibibytes(available)) (/proc/meminfo): memory itself was not the problem")
        }

        var verdict = Verdict(
            id: .commitLimit,
            confidence: confidence,
            summary: "overcommit accounting refused",
            bindingLimit: BindingLimit(
                key: "commit_limit",
                name: mode == 2
                    ? "CommitLimit (vm.overcommit_memory 2)" : "overcommit heuristic (vm.overcommit_memory 0)"),
            kernelRule: context.call == .pthreadCreate
                ? "mm/util.c __vm_enough_memory(): the thread stack mmap would pass the commit limit → -ENOMEM; glibc nptl/allocatestack.c returns EAGAIN"
                : "kernel/fork.c dup_mmap() → security_vm_enough_memory_mm() → mm/util.c __vm_enough_memory(): commit refused → -ENOMEM",
            misleadingNote: MisleadingErrno.glibcEPERMNote(context)
                ?? "Memory may be free: it is the commit accounting (vm.overcommit_memory) that refused, not a lack of RAM.",
            evidence: evidence,
            advice: [
                "Raise the commit limit: `sysctl -w vm.overcommit_ratio=N` or `vm.overcommit_kbytes=N`, or add swap (it counts in CommitLimit).",
                "Start children with posix_spawn or vfork instead of fork, so they need no copy of the parent's commit (Java: `-Djdk.lang.Process.launchMechanism=POSIX_SPAWN`, the default), or shrink the parent.",
            ]
        )
        ExpectedErrno.check(&verdict, cause: .overcommit, in: context)
        return verdict
    }
}
