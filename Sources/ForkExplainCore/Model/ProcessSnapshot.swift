/// `process`: who failed (log-format.md). `uid` is the real uid, the one
/// RLIMIT_NPROC counts.
struct ProcessSnapshot: Sendable, Codable, Hashable {
    var pid: Int?
    var tid: Int?
    var uid: Int?
    var comm: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case pid, tid, uid, comm
    }

    /// Keys of this section that nothing here reads: known, not decoded.
    /// `thread_comm` and `state` are issue 6's (docs/log-format.md); no
    /// verdict reads them yet.
    static let unreadKeys: Set<String> = ["ppid", "euid", "exe", "argv", "thread_comm", "state"]

    init(pid: Int? = nil, comm: String? = nil, uid: Int? = nil) {
        self.pid = pid
        self.comm = comm
        self.uid = uid
    }
}
