/// `cgroups`: every level from the process's own cgroup up to the root, own
/// level first, for the pids and memory controllers (v1 and v2).
struct CgroupsSnapshot: Sendable, Encodable, Hashable {
    var pids: [PIDsCgroupLevel]?
    var memory: [MemoryCgroupLevel]?
    /// The mounts the two controllers were read through.
    var pidsMount: CgroupMount?
    var memoryMount: CgroupMount?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case pids, memory
        case pidsMount = "pids_mount"
        case memoryMount = "memory_mount"
    }

    init(pids: [PIDsCgroupLevel]? = nil, memory: [MemoryCgroupLevel]? = nil) {
        self.pids = pids
        self.memory = memory
    }

}

/// One level of the pids controller (`pids.max`, `pids.current`, ...).
struct PIDsCgroupLevel: Sendable, Encodable, Hashable {
    var version: Int?
    var path: String?
    var dir: String?
    var max: LimitValue?
    var current: Int64?
    /// `pids.peak` (6.1+): the most tasks this level has held.
    var peak: Int64?
    /// `pids.events` `max`. What it counts depends on the kernel and the
    /// mount (docs/kernel-facts.md §6.6).
    var eventsMax: Int64?
    /// `pids.events.local` `max` (v2, 6.11+): without `pids_localevents`,
    /// refusals by this level's own limit.
    var eventsMaxLocal: Int64?

    // The shim's snake_case names, spelled out: see LogRecord.CodingKeys.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case version, path, dir, max, current, peak
        case eventsMax = "events_max"
        case eventsMaxLocal = "events_max_local"
    }

    init(version: Int? = nil, path: String? = nil, dir: String? = nil) {
        self.version = version
        self.path = path
        self.dir = dir
    }
}

/// One level of the memory controller; v1 and v2 share the field names.
struct MemoryCgroupLevel: Sendable, Encodable, Hashable {
    var version: Int?
    var path: String?
    var dir: String?
    var maxBytes: LimitValue?
    var currentBytes: Int64?
    var events: MemoryEvents?
    var failcnt: Int64?
    var oomKillDisable: Int?
    /// v1 `memory.oom_control` `oom_kill` (4.13+).
    var oomKill: Int64?
    /// v2 `memory.events.local`: this level's own events.
    var eventsLocal: MemoryEvents?
    /// v1 `memory.kmem.*`: a kmem limit can bind while the memory counter
    /// is far from its own (docs/kernel-facts.md §6.10).
    var kmemMaxBytes: LimitValue?
    var kmemCurrentBytes: Int64?
    var kmemFailcnt: Int64?
    /// v1 `memory.memsw.*` (memory + swap): charged before the memory
    /// counter, it can refuse while `currentBytes` is below `maxBytes`
    /// (docs/kernel-facts.md §11.5).
    var memswMaxBytes: LimitValue?
    var memswCurrentBytes: Int64?
    var memswFailcnt: Int64?
    /// v2 `memory.swap.max`, `memory.swap.current`, `memory.swap.events`.
    var swapMaxBytes: LimitValue?
    var swapCurrentBytes: Int64?
    var swapEvents: SwapEvents?

    // The shim's snake_case names, spelled out: see LogRecord.CodingKeys.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case version, path, dir
        case maxBytes = "max_bytes"
        case currentBytes = "current_bytes"
        case events, failcnt
        case oomKillDisable = "oom_kill_disable"
        case oomKill = "oom_kill"
        case eventsLocal = "events_local"
        case kmemMaxBytes = "kmem_max_bytes"
        case kmemCurrentBytes = "kmem_current_bytes"
        case kmemFailcnt = "kmem_failcnt"
        case memswMaxBytes = "memsw_max_bytes"
        case memswCurrentBytes = "memsw_current_bytes"
        case memswFailcnt = "memsw_failcnt"
        case swapMaxBytes = "swap_max_bytes"
        case swapCurrentBytes = "swap_current_bytes"
        case swapEvents = "swap_events"
    }

    /// Keys of this section that nothing here reads: known, not decoded.
    static let unreadKeys: Set<String> = ["peak_bytes", "under_oom", "kmem_peak_bytes", "memsw_peak_bytes"]

    init(version: Int? = nil, path: String? = nil, dir: String? = nil) {
        self.version = version
        self.path = path
        self.dir = dir
    }
}

/// v2 `memory.swap.events`: `max` counts swap-outs refused by
/// `memory.swap.max`, `fail` every refused swap-out (the host's swap full
/// too).
struct SwapEvents: Sendable, Encodable, Hashable {
    var max: Int64?
    var fail: Int64?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case max, fail
    }

    init(max: Int64? = nil, fail: Int64? = nil) {
        self.max = max
        self.fail = fail
    }
}

/// v2 `memory.events`.
struct MemoryEvents: Sendable, Encodable, Hashable {
    var max: Int64?
    var oom: Int64?
    var oomKill: Int64?

    // The shim's snake_case names, spelled out: see LogRecord.CodingKeys.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case max, oom
        case oomKill = "oom_kill"
    }

    init(max: Int64? = nil, oom: Int64? = nil, oomKill: Int64? = nil) {
        self.max = max
        self.oom = oom
        self.oomKill = oomKill
    }
}
