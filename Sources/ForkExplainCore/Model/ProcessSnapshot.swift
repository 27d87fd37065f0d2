/// `process`: who failed (log-format.md). `uid` is the real uid, the one
/// RLIMIT_NPROC counts.
public struct ProcessSnapshot: Sendable, Codable, Hashable {
    public var pid: Int?
    public var tid: Int?
    public var ppid: Int?
    public var uid: Int?
    public var euid: Int?
    public var comm: String?
    public var exe: String?
    public var argv: [String]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case pid, tid, ppid, uid, euid, comm, exe, argv
    }

    public init(pid: Int? = nil, comm: String? = nil, uid: Int? = nil) {
        self.pid = pid
        self.comm = comm
        self.uid = uid
    }
}
