/// `pid`: the PID space as the failing process saw it.
public struct PIDSnapshot: Sendable, Codable, Hashable {
    /// `PROC_PID_INIT_INO`: the inode of the initial PID namespace.
    public static let initialNamespace: Int64 = 4_026_531_836

    public var pidMax: Int64?
    public var threadsMax: Int64?
    public var hostTasks: Int64?
    public var pidNs: Int64?
    public var pidForChildrenNs: Int64?
    public var nspid: [Int64]?
    public var nsTasks: Int64?
    public var childrenNsTasks: Int64?

    // The shim's snake_case names, spelled out: see LogRecord.CodingKeys.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case pidMax = "pid_max"
        case threadsMax = "threads_max"
        case hostTasks = "host_tasks"
        case pidNs = "pid_ns"
        case pidForChildrenNs = "pid_for_children_ns"
        case nspid
        case nsTasks = "ns_tasks"
        case childrenNsTasks = "children_ns_tasks"
    }

    public init() {}

    /// True when the process lives in a PID namespace below the initial one.
    public var isNested: Bool {
        guard let pidNs else { return (nspid?.count ?? 1) > 1 }
        return pidNs != Self.initialNamespace
    }
}
