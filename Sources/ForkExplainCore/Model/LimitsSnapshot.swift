/// `limits`: the process's rlimits from `/proc/self/limits`, and the count
/// RLIMIT_NPROC is compared with.
public struct LimitsSnapshot: Sendable, Codable, Hashable {
    public var nproc: RLimit?
    public var `as`: RLimit?
    public var stack: RLimit?
    public var nprocExempt: String?
    public var uidTasks: Int64?

    // The shim's snake_case names, spelled out: see LogRecord.CodingKeys.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case nproc, `as`, stack
        case nprocExempt = "nproc_exempt"
        case uidTasks = "uid_tasks"
    }

    /// Keys of this section that nothing here reads: known, not decoded.
    static let unreadKeys: Set<String> = ["nofile"]

    public init() {}
}

/// A limit as `/proc/PID/limits` shows it; only the soft one is enforced.
public struct RLimit: Sendable, Codable, Hashable {
    public var soft: LimitValue?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case soft
    }

    /// Keys of this section that nothing here reads: known, not decoded.
    static let unreadKeys: Set<String> = ["hard"]

    public init(soft: LimitValue?) {
        self.soft = soft
    }
}
