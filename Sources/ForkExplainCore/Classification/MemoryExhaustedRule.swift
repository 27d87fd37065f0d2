/// `memory_exhausted`: RAM and swap really are used up. docs/kernel-facts.md §1, row "kernel
/// stack / task_struct allocation": kernel/fork.c dup_task_struct() fails with
/// ENOMEM, which pthread_create turns into EAGAIN (docs/kernel-facts.md §2).
/// RAM and swap are shown apart: MemAvailable can still look sizeable when it
/// is only page cache that is mapped and hot, with free RAM gone and swap
/// full, and the allocation fails all the same.
struct MemoryExhaustedRule: ClassificationRule {
    /// Below this share of RAM + swap still available, allocations fail.
    static let availableShare = 0.03
    /// With swap full and free RAM under `availableShare`, a MemAvailable
    /// below this share of RAM that is all page cache is no reserve.
    static let cacheOnlyShare = 0.15

    func evaluate(_ context: FailureContext) -> Verdict? {
        let memory = context.memory
        guard context.errnoSaysMemory, let total = memory.memTotalKb, let available = memory.memAvailableKb
        else { return nil }
        let swapTotal = memory.swapTotalKb ?? 0
        let swapFree = memory.swapFreeKb ?? 0
        let whole = total + swapTotal
        let left = available + swapFree
        guard whole > 0 else { return nil }

        var evidence = [
            "MemAvailable \(Quantity.kibibytes(available)) + SwapFree \(Quantity.kibibytes(swapFree)) = \(Quantity.kibibytes(left)), \(Quantity.percent(left, of: whole)) of MemTotal \(Quantity.kibibytes(total)) + SwapTotal \(Quantity.kibibytes(swapTotal)) (/proc/meminfo)"
        ]
        let confidence: Confidence
        if Double(left) < Double(whole) * Self.availableShare {
            confidence = .high
            evidence[0] += ": under 3 % left"
        } else if let cacheOnly = Self.cacheOnlyLine(memory, total: total, available: available) {
            confidence = .medium
            evidence.append(cacheOnly)
        } else {
            return nil
        }
        evidence.append(Self.ramLine(memory, total: total, available: available))
        if let swap = Self.swapLine(total: swapTotal, free: swapFree) { evidence.append(swap) }
        evidence.append(contentsOf: LXCFSView.lines(for: context).filter { $0.hasPrefix("/proc/meminfo") })

        var verdict = Verdict(
            id: .memoryExhausted,
            confidence: confidence,
            summary: swapTotal > 0 && swapFree == 0 ? "memory exhausted, swap full" : "memory exhausted",
            bindingLimit: BindingLimit(key: "memory:host", name: "RAM and swap (host)"),
            kernelRule: "kernel/fork.c dup_task_struct(): kernel stack / task_struct allocation failed → -ENOMEM"
                + (context.call == .pthreadCreate ? " (pthread_create returns EAGAIN)" : ""),
            misleadingNote: MisleadingErrno.glibcEPERMNote(context),
            evidence: evidence,
            advice: [
                "Find what uses the memory: `ps -eo rss,pid,comm --sort=-rss | head`, and check `dmesg` for the OOM killer.",
                "Add RAM or swap, or reduce the workload; a fork-heavy program can spawn children with posix_spawn/vfork so that they need no copy of its memory.",
            ]
        )
        ExpectedErrno.check(&verdict, cause: .kernelMemory, in: context)
        return verdict
    }

    /// RAM alone: what is free, and what MemAvailable adds on top of it.
    static func ramLine(_ memory: MemorySnapshot, total: Int64, available: Int64) -> String {
        guard let free = memory.memFreeKb else {
            return
                "RAM: MemAvailable \(Quantity.kibibytes(available)) of MemTotal \(Quantity.kibibytes(total)) (\(Quantity.percent(available, of: total)))"
        }
        return
            "RAM: MemFree \(Quantity.kibibytes(free)) of MemTotal \(Quantity.kibibytes(total)) (\(Quantity.percent(free, of: total)) free); MemAvailable \(Quantity.kibibytes(available)) counts page cache and reclaimable slab on top"
    }

    /// Swap alone, saying so when it is full.
    static func swapLine(total: Int64, free: Int64) -> String? {
        guard total > 0 else { return "swap: none configured (SwapTotal 0)" }
        let used = total - free
        let state = free == 0 ? ": swap is full" : ""
        return
            "swap: \(Quantity.kibibytes(used)) of SwapTotal \(Quantity.kibibytes(total)) used (\(Quantity.percent(used, of: total)), SwapFree \(Quantity.kibibytes(free)))\(state)"
    }

    /// Swap full, free RAM nearly gone, and what MemAvailable shows beyond
    /// MemFree is page cache: reclaim has nothing left to push out but the
    /// cache the workload is using (docs/kernel-facts.md §1.3: the fork
    /// still needs pages now).
    private static func cacheOnlyLine(_ memory: MemorySnapshot, total: Int64, available: Int64) -> String? {
        guard let swapTotal = memory.swapTotalKb, swapTotal > 0, let swapFree = memory.swapFreeKb,
            Double(swapFree) <= Double(swapTotal) * 0.01,
            let free = memory.memFreeKb, Double(free) < Double(total) * availableShare,
            Double(available) < Double(total) * cacheOnlyShare,
            let cached = memory.cachedKb
        else { return nil }
        let reclaimable = cached + (memory.buffersKb ?? 0) + (memory.sReclaimableKb ?? 0)
        guard available - free <= reclaimable else { return nil }
        return
            "MemAvailable \(Quantity.kibibytes(available)) is only \(Quantity.percent(available, of: total)) of RAM and, beyond MemFree \(Quantity.kibibytes(free)), all page cache and reclaimable slab (Cached \(Quantity.kibibytes(cached)), Buffers \(Quantity.kibibytes(memory.buffersKb ?? 0)), SReclaimable \(Quantity.kibibytes(memory.sReclaimableKb ?? 0))): with swap full, reclaim can only evict cache the workload is using, so the allocation failed"
    }

    /// RAM and swap apart, for a verdict that is not this one, when swap is
    /// (nearly) full: the combined figure hides it.
    static func fullSwapLines(_ memory: MemorySnapshot) -> [String] {
        guard let swapTotal = memory.swapTotalKb, let swapFree = memory.swapFreeKb, swapTotal > 0,
            Double(swapFree) <= Double(swapTotal) * (1 - CheckReport.criticalShare),
            let swap = swapLine(total: swapTotal, free: swapFree)
        else { return [] }
        guard let total = memory.memTotalKb, let available = memory.memAvailableKb else { return [swap] }
        return [swap, ramLine(memory, total: total, available: available)]
    }
}
