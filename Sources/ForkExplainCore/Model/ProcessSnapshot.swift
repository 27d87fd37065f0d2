/// `process`: who failed (log-format.md). `uid` is the real uid, the one
/// RLIMIT_NPROC counts.
struct ProcessSnapshot: Sendable, Encodable, Hashable {
    var pid: Int?
    var tid: Int?
    var uid: Int?
    var comm: String?
    /// The failing thread's name (`/proc/self/task/<tid>/comm`).
    var threadComm: String?
    /// `Seccomp:` of its status: 0 none, 1 strict, 2 a filter
    /// (docs/kernel-facts.md §11.62).
    var seccomp: Int?
    /// What `argv` names, when it names a JVM product: kept beside
    /// `seccomp`'s padding, so the snapshot grows by no byte.
    var jvmProduct: JVMProduct?
    /// `readlink /proc/self/exe`: under /snap/NAME/ for a snap's app
    /// (docs/kernel-facts.md §11.66).
    var exe: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case pid, tid, uid, comm, seccomp, exe
        case threadComm = "thread_comm"
    }

    /// Keys of this section that nothing here reads: known, not decoded
    /// (argv only for the JVM product it names, `jvmProduct`).
    /// `state` is issue 6's (docs/log-format.md); no verdict reads it yet.
    static let unreadKeys: Set<String> = ["ppid", "euid", "argv", "state"]

    init(pid: Int? = nil, comm: String? = nil, uid: Int? = nil) {
        self.pid = pid
        self.comm = comm
        self.uid = uid
    }
}
