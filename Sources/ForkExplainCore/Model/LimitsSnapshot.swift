/// `limits`: the process's rlimits from `/proc/self/limits`, and the count
/// RLIMIT_NPROC is compared with.
struct LimitsSnapshot: Sendable, Encodable, Hashable {
    var nproc: RLimit?
    var `as`: RLimit?
    var stack: RLimit?
    var nprocExempt: String?
    var uidTasks: Int64?
    /// Of uidTasks, those in a PID namespace not the process's own:
    /// containers of the same uid (docs/kernel-facts.md §11.61).
    var uidTasksOtherPidns: Int64?

    // The shim's snake_case names, spelled out: see LogRecord.CodingKeys.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case nproc, `as`, stack
        case nprocExempt = "nproc_exempt"
        case uidTasks = "uid_tasks"
        case uidTasksOtherPidns = "uid_tasks_other_pidns"
    }

    /// Keys of this section that nothing here reads: known, not decoded.
    static let unreadKeys: Set<String> = ["nofile"]

    init() {}
}

/// A limit as `/proc/PID/limits` shows it; only the soft one is enforced.
struct RLimit: Sendable, Encodable, Hashable {
    var soft: LimitValue?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case soft
    }

    /// Keys of this section that nothing here reads: known, not decoded.
    static let unreadKeys: Set<String> = ["hard"]

    init(soft: LimitValue?) {
        self.soft = soft
    }
}
