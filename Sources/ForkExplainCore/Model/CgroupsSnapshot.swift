/// `cgroups`: every level from the process's own cgroup up to the root, own
/// level first, for the pids and memory controllers (v1 and v2).
public struct CgroupsSnapshot: Sendable, Codable, Hashable {
    public var pids: [PIDsCgroupLevel]?
    public var memory: [MemoryCgroupLevel]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case pids, memory
    }

    public init(pids: [PIDsCgroupLevel]? = nil, memory: [MemoryCgroupLevel]? = nil) {
        self.pids = pids
        self.memory = memory
    }
}

/// One level of the pids controller (`pids.max`, `pids.current`, ...).
public struct PIDsCgroupLevel: Sendable, Codable, Hashable {
    public var version: Int?
    public var path: String?
    public var dir: String?
    public var max: LimitValue?
    public var current: Int64?
    public var eventsMax: Int64?

    // The shim's snake_case names, spelled out: see LogRecord.CodingKeys.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case version, path, dir, max, current
        case eventsMax = "events_max"
    }

    /// Keys of this section that nothing here reads: known, not decoded.
    static let unreadKeys: Set<String> = ["peak"]

    public init(version: Int? = nil, path: String? = nil, dir: String? = nil) {
        self.version = version
        self.path = path
        self.dir = dir
    }
}

/// One level of the memory controller; v1 and v2 share the field names.
public struct MemoryCgroupLevel: Sendable, Codable, Hashable {
    public var version: Int?
    public var path: String?
    public var dir: String?
    public var maxBytes: LimitValue?
    public var currentBytes: Int64?
    public var events: MemoryEvents?
    public var failcnt: Int64?
    public var oomKillDisable: Int?

    // The shim's snake_case names, spelled out: see LogRecord.CodingKeys.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case version, path, dir
        case maxBytes = "max_bytes"
        case currentBytes = "current_bytes"
        case events, failcnt
        case oomKillDisable = "oom_kill_disable"
    }

    /// Keys of this section that nothing here reads: known, not decoded.
    static let unreadKeys: Set<String> = ["peak_bytes", "under_oom"]

    public init(version: Int? = nil, path: String? = nil, dir: String? = nil) {
        self.version = version
        self.path = path
        self.dir = dir
    }
}

/// v2 `memory.events`.
public struct MemoryEvents: Sendable, Codable, Hashable {
    public var max: Int64?
    public var oom: Int64?
    public var oomKill: Int64?

    // The shim's snake_case names, spelled out: see LogRecord.CodingKeys.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case max, oom
        case oomKill = "oom_kill"
    }

    public init(max: Int64? = nil, oom: Int64? = nil, oomKill: Int64? = nil) {
        self.max = max
        self.oom = oom
        self.oomKill = oomKill
    }
}
