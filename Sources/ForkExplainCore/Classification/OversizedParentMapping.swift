/// A fork refused in overcommit mode 0 on a kernel since 5.2 because the
/// parent holds a private writable mapping larger than RAM + swap
/// (docs/kernel-facts.md §11.91). fork's dup_mmap() charges each accounted
/// mapping whole, and the heuristic refuses one of more pages than RAM +
/// swap (mm/util.c __vm_enough_memory(), OVERCOMMIT_GUESS), however much is
/// free; brk and mremap charge only what they add, so a heap or a mapping
/// grown in steps gets that large while the process runs, and its next
/// fork fails. The record has VmData, the sum of those mappings, not each
/// one's size: more than RAM + swap is what one of them must be, hence
/// medium confidence.
struct OversizedParentMapping {
    let dataKb: Int64
    let memTotalKb: Int64
    let swapTotalKb: Int64

    static func finding(_ context: FailureContext) -> OversizedParentMapping? {
        let memory = context.memory
        guard context.copiesAddressSpace, context.errnoSaysMemory, memory.overcommitMemory == 0,
            let kernel = context.kernel, kernel >= ReleaseVersion(5, 2),
            let data = memory.vmDataKb, let total = memory.memTotalKb
        else { return nil }
        let swap = memory.swapTotalKb ?? 0
        guard data > total + swap else { return nil }
        return OversizedParentMapping(dataKb: data, memTotalKb: total, swapTotalKb: swap)
    }

    var evidence: [String] {
        [
            "vm.overcommit_memory 0 (heuristic): fork charges each private writable mapping of the parent whole, and one larger than RAM + swap is refused, whatever is free (kernel/fork.c dup_mmap(), mm/util.c __vm_enough_memory())",
            "the parent's VmData \(Quantity.kibibytes(dataKb)) (/proc/self/status) > MemTotal \(Quantity.kibibytes(memTotalKb)) + SwapTotal \(Quantity.kibibytes(swapTotalKb)) = \(Quantity.kibibytes(memTotalKb + swapTotalKb)) (/proc/meminfo): a heap or mapping grown that large by brk or mremap, which charge only what they add, passes at every step and fails at the fork (`pmap -x PID | sort -n -k2 | tail -3` shows the largest mappings)",
        ]
    }
}
