/// `memory_exhausted`: RAM and swap really are used up. docs/kernel-facts.md §1, row "kernel
/// stack / task_struct allocation": kernel/fork.c dup_task_struct() fails with
/// ENOMEM, which pthread_create turns into EAGAIN (docs/kernel-facts.md §2).
struct MemoryExhaustedRule: ClassificationRule {
    /// Below this share of RAM + swap still available, allocations fail.
    static let availableShare = 0.03

    func evaluate(_ context: FailureContext) -> Verdict? {
        let memory = context.memory
        guard context.errnoSaysMemory, let total = memory.memTotalKb, let available = memory.memAvailableKb
        else { return nil }
        let swapTotal = memory.swapTotalKb ?? 0
        let swapFree = memory.swapFreeKb ?? 0
        let whole = total + swapTotal
        let left = available + swapFree
        guard whole > 0, Double(left) < Double(whole) * Self.availableShare else { return nil }

        return Verdict(
            id: .memoryExhausted,
            confidence: .high,
            summary: "memory exhausted",
            bindingLimit: BindingLimit(key: "memory:host", name: "RAM and swap (host)"),
            kernelRule: "kernel/fork.c dup_task_struct(): kernel stack / task_struct allocation failed → -ENOMEM"
                + (context.call == .pthreadCreate ? " (pthread_create returns EAGAIN)" : ""),
            misleadingNote: MisleadingErrno.glibcEPERMNote(context),
            evidence: [
                "MemAvailable \(Quantity.kibibytes(available)) + SwapFree \(Quantity.kibibytes(swapFree)) = \(Quantity.kibibytes(left)), \(Quantity.percent(left, of: whole)) of MemTotal \(Quantity.kibibytes(total)) + SwapTotal \(Quantity.kibibytes(swapTotal)) (/proc/meminfo): under 3 % left"
            ],
            advice: [
                "Find what uses the memory: `ps -eo rss,pid,comm --sort=-rss | head`, and check `dmesg` for the OOM killer.",
                "Add RAM or swap, or reduce the workload; a fork-heavy program can spawn children with posix_spawn/vfork so that they need no copy of its memory.",
            ]
        )
    }
}
