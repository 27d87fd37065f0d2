/// `memory`: `/proc/meminfo`, the overcommit sysctls and the process's own
/// footprint, in kibibytes as the kernel reports them.
public struct MemorySnapshot: Sendable, Encodable, Hashable {
    public var memTotalKb: Int64?
    public var memAvailableKb: Int64?
    var swapTotalKb: Int64?
    var swapFreeKb: Int64?
    /// What mode 0's heuristic summed before v5.2, and what shows whether
    /// MemAvailable is only page cache (docs/kernel-facts.md §6.11).
    var memFreeKb: Int64?
    var cachedKb: Int64?
    var buffersKb: Int64?
    var shmemKb: Int64?
    var sReclaimableKb: Int64?
    var commitLimitKb: Int64?
    var committedAsKb: Int64?
    var overcommitMemory: Int?
    var overcommitRatio: Int?
    var vmSizeKb: Int64?
    var vmDataKb: Int64?
    /// What of VmData is resident: far less is a reservation a fork must
    /// still commit (docs/kernel-facts.md §11.170).
    var vmRssKb: Int64?
    var mapCount: Int64?
    var maxMapCount: Int64?

    // The shim's snake_case names, spelled out: see LogRecord.CodingKeys.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case memTotalKb = "mem_total_kb"
        case memAvailableKb = "mem_available_kb"
        case swapTotalKb = "swap_total_kb"
        case swapFreeKb = "swap_free_kb"
        case memFreeKb = "mem_free_kb"
        case cachedKb = "cached_kb"
        case buffersKb = "buffers_kb"
        case shmemKb = "shmem_kb"
        case sReclaimableKb = "sreclaimable_kb"
        case commitLimitKb = "commit_limit_kb"
        case committedAsKb = "committed_as_kb"
        case overcommitMemory = "overcommit_memory"
        case overcommitRatio = "overcommit_ratio"
        case vmSizeKb = "vm_size_kb"
        case vmDataKb = "vm_data_kb"
        case vmRssKb = "vm_rss_kb"
        case mapCount = "map_count"
        case maxMapCount = "max_map_count"
    }

    /// Keys of this section that nothing here reads: known, not decoded.
    static let unreadKeys: Set<String> = ["overcommit_kbytes"]

    init() {}
}
