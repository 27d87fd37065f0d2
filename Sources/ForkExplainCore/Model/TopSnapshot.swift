/// `top`: the bounded `/proc` scan of who holds the most PIDs.
public struct TopSnapshot: Sendable, Codable, Hashable {
    public var complete: Bool?
    public var zombies: Int64?
    public var holders: [PIDHolder]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case complete, zombies, holders
    }

    /// Keys of this section that nothing here reads: known, not decoded.
    static let unreadKeys: Set<String> = ["processes"]

    public init(holders: [PIDHolder]? = nil) {
        self.holders = holders
    }
}

/// A process holding PIDs: its threads plus its unreaped zombie children.
public struct PIDHolder: Sendable, Codable, Hashable {
    public var pid: Int?
    public var comm: String?
    public var uid: Int?
    public var threads: Int64?
    public var zombies: Int64?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case pid, comm, uid, threads, zombies
    }

    public init(pid: Int?, comm: String?, uid: Int? = nil, threads: Int64?, zombies: Int64? = nil) {
        self.pid = pid
        self.comm = comm
        self.uid = uid
        self.threads = threads
        self.zombies = zombies
    }
}
