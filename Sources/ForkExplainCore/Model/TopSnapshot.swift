/// `top`: the bounded `/proc` scan of who holds the most PIDs.
struct TopSnapshot: Sendable, Encodable, Hashable {
    var complete: Bool?
    /// Processes (thread groups) the scan saw: what top's "Tasks:" line
    /// and `ps` count, where the PID limits count every thread.
    var processes: Int64?
    var zombies: Int64?
    var holders: [PIDHolder]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case complete, processes, zombies, holders
    }

    /// Keys of this section that nothing here reads: known, not decoded.
    static let unreadKeys: Set<String> = []

    init(holders: [PIDHolder]? = nil) {
        self.holders = holders
    }
}

/// A process holding PIDs: its threads plus its unreaped zombie children.
struct PIDHolder: Sendable, Encodable, Hashable {
    var pid: Int?
    var comm: String?
    var uid: Int?
    var threads: Int64?
    var zombies: Int64?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case pid, comm, uid, threads, zombies
    }

    init(pid: Int?, comm: String?, uid: Int? = nil, threads: Int64?, zombies: Int64? = nil) {
        self.pid = pid
        self.comm = comm
        self.uid = uid
        self.threads = threads
        self.zombies = zombies
    }
}
