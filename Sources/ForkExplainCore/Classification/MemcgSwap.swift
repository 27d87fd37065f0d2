/// Swap inside a memory cgroup (docs/kernel-facts.md §11.6). On v1 with swap
/// accounting the memory+swap counter (`memory.memsw.*`) is charged before
/// the memory counter: at its limit a charge fails, and reclaim may not swap
/// to make room, while `memory.usage_in_bytes` can be well below its own
/// limit. On v2 swap has its own limit (`memory.swap.max`), never charged by
/// a fork; with none left, reclaim at `memory.max` can only drop page cache,
/// so the charge goes to the OOM killer sooner.
enum MemcgSwap {
    struct Memsw {
        var full: Bool
        var lines: [String]
    }

    /// v1: the memory+swap counter at (or refusing at) its limit.
    static func memsw(_ level: MemoryCgroupLevel, dir: String, share: Double) -> Memsw? {
        guard level.version == 1, let max = level.memswMaxBytes?.number, max > 0,
            let current = level.memswCurrentBytes
        else { return nil }
        let full = Double(current) >= Double(max) * share
        let failcnt = level.memswFailcnt ?? 0
        guard full || failcnt > 0 else { return nil }
        var lines = [
            "memory.memsw.usage_in_bytes \(Quantity.bytes(current)) is \(Quantity.percent(current, of: max)) of memory.memsw.limit_in_bytes \(Quantity.bytes(max)) in \(dir) (memory + swap), memory.memsw.failcnt \(failcnt): the memory+swap counter is charged first, and at its limit reclaim may not swap out (mm/memcontrol.c try_charge)"
        ]
        if let memMax = level.maxBytes?.number, let memCurrent = level.currentBytes, memMax > 0 {
            let swap = current - memCurrent
            lines.append(
                "memory.usage_in_bytes is \(Quantity.bytes(memCurrent)) (\(Quantity.percent(memCurrent, of: memMax)) of memory.limit_in_bytes \(Quantity.bytes(memMax))), so about \(Quantity.bytes(Swift.max(swap, 0))) of the cgroup is in swap: \(memMax >= max ? "memsw equals the memory limit, the cgroup may not swap at all" : "it is the memory+swap limit that binds") (docs/kernel-facts.md §11.6)"
            )
        }
        return Memsw(full: full, lines: lines)
    }

    /// v2: why reclaim at `memory.max` found nothing to swap out.
    static func v2Lines(_ level: MemoryCgroupLevel, dir: String, share: Double) -> [String] {
        guard level.version == 2, let swapMax = level.swapMaxBytes else { return [] }
        var lines: [String] = []
        if swapMax.number == 0 {
            lines.append(
                "memory.swap.max 0 in \(dir): this cgroup may not swap, so reclaim at memory.max can only drop page cache and its anonymous memory stays charged (docs/kernel-facts.md §11.6)"
            )
        } else if let max = swapMax.number, let current = level.swapCurrentBytes,
            Double(current) >= Double(max) * share
        {
            lines.append(
                "memory.swap.current \(Quantity.bytes(current)) is \(Quantity.percent(current, of: max)) of memory.swap.max \(Quantity.bytes(max)) in \(dir): the cgroup's swap is used up, so reclaim cannot move anonymous memory out (docs/kernel-facts.md §11.6)"
            )
        }
        if let events = level.swapEvents, (events.max ?? 0) > 0 || (events.fail ?? 0) > 0 {
            lines.append(
                "memory.swap.events in \(dir): max \(events.max ?? 0), fail \(events.fail ?? 0): swap-outs were refused"
            )
        }
        return lines
    }

    static func memswAdvice(path: String, dir: String) -> [String] {
        [
            "Raise the memory+swap limit: `echo N > \(dir)/memory.memsw.limit_in_bytes` (it must stay ≥ memory.limit_in_bytes); docker `--memory-swap` (the total of memory and swap, `-1` for unlimited swap).",
            "Or find what fills swap: `grep -E '^(total_)?(swap|rss|cache) ' \(dir)/memory.stat`; memory that sits in swap still counts against memory.memsw.",
        ]
    }

    static let v2Advice =
        "Let the cgroup swap, or give it more: systemd `MemorySwapMax=`, docker `--memory-swap` larger than `--memory`, Kubernetes node swap (`LimitedSwap`); with swap it reclaims instead of killing."
}
