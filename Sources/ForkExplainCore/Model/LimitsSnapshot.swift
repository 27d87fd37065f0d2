/// `limits`: the process's rlimits from `/proc/self/limits`, and the count
/// RLIMIT_NPROC is compared with.
public struct LimitsSnapshot: Sendable, Codable, Hashable {
    public var nproc: RLimit?
    public var `as`: RLimit?
    public var stack: RLimit?
    public var nofile: RLimit?
    public var nprocExempt: String?
    public var uidTasks: Int64?

    // The shim's snake_case names, spelled out: see LogRecord.CodingKeys.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case nproc, `as`, stack, nofile
        case nprocExempt = "nproc_exempt"
        case uidTasks = "uid_tasks"
    }

    public init() {}
}

/// A soft/hard pair as `/proc/PID/limits` shows it.
public struct RLimit: Sendable, Codable, Hashable {
    public var soft: LimitValue?
    public var hard: LimitValue?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case soft, hard
    }

    public init(soft: LimitValue?, hard: LimitValue? = nil) {
        self.soft = soft
        self.hard = hard
    }
}
