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

    public init() {}

    /// True when the process lives in a PID namespace below the initial one.
    public var isNested: Bool {
        guard let pidNs else { return (nspid?.count ?? 1) > 1 }
        return pidNs != Self.initialNamespace
    }
}
