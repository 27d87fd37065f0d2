/// `pid`: the PID space as the failing process saw it.
struct PIDSnapshot: Sendable, Encodable, Hashable {
    /// `PROC_PID_INIT_INO`: the inode of the initial PID namespace.
    static let initialNamespace: Int64 = 4_026_531_836

    var pidMax: Int64?
    var threadsMax: Int64?
    var hostTasks: Int64?
    var pidNs: Int64?
    var pidForChildrenNs: Int64?
    var nspid: [Int64]?
    var nsTasks: Int64?
    var childrenNsTasks: Int64?
    /// Tasks holding a PID below 300 in the initial namespace, and in
    /// `pidNs` when it is nested: PIDSpace.capacity.
    var hostLowTasks: Int64?
    var nsLowTasks: Int64?
    /// The host's kernel.pid_max where the reader saw it apart from
    /// `pidMax`, the namespace's: `check` from the initial PID namespace of
    /// a nested target (docs/kernel-facts.md §6.19). Never in a log record.
    var hostPidMax: Int64?
    /// user.max_user_namespaces and user.max_pid_namespaces as
    /// /proc/sys/user showed them to the reader, whose user namespace is
    /// `limitsUserNs`: the process's own limits only when that is its own
    /// namespace (docs/kernel-facts.md §11.76).
    var maxUserNamespaces: Int64?
    var maxPidNamespaces: Int64?
    var limitsUserNs: Int64?

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
        case hostLowTasks = "host_low_tasks"
        case nsLowTasks = "ns_low_tasks"
        case maxUserNamespaces = "max_user_namespaces"
        case maxPidNamespaces = "max_pid_namespaces"
        case limitsUserNs = "limits_user_ns"
    }

    init() {}

    /// True when the process lives in a PID namespace below the initial one.
    var isNested: Bool {
        guard let pidNs else { return (nspid?.count ?? 1) > 1 }
        return pidNs != Self.initialNamespace
    }
}
