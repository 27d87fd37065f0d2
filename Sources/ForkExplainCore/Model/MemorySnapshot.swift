/// `memory`: `/proc/meminfo`, the overcommit sysctls and the process's own
/// footprint, in kibibytes as the kernel reports them.
public struct MemorySnapshot: Sendable, Codable, Hashable {
    public var memTotalKb: Int64?
    public var memAvailableKb: Int64?
    public var swapTotalKb: Int64?
    public var swapFreeKb: Int64?
    public var commitLimitKb: Int64?
    public var committedAsKb: Int64?
    public var overcommitMemory: Int?
    public var overcommitRatio: Int?
    public var overcommitKbytes: Int64?
    public var vmSizeKb: Int64?
    public var vmDataKb: Int64?
    public var vmRssKb: Int64?
    public var mapCount: Int64?
    public var maxMapCount: Int64?

    public init() {}
}
