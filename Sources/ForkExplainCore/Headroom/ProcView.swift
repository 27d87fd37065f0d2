/// What the /proc a `check` reads can show of a uid's tasks, beside what
/// the record itself says: whether it lists the host's tasks or one PID
/// namespace's, and whether its mount hides processes from this reader
/// (`hidepid=`, proc(5)). Taken live by the checker (ForkExplainLive);
/// `nil` fields leave the judgement to the record (PartialUidCount).
public struct ProcView: Sendable, Hashable {
    /// True when the reader is in the initial PID namespace of the real
    /// /proc; nil when not known (a replayed tree).
    public var listsHostTasks: Bool?
    /// The mount's `hidepid=` value, when it is not 0 (`off`).
    public var hidepid: String?
    /// The mount's `gid=`: its members see every process through hidepid.
    public var hidepidGid: Int?
    /// The reader's effective uid: root sees every process through hidepid.
    public var readerUid: Int?
    /// The reader's effective and supplementary groups.
    public var readerGids: [Int]

    public init(
        listsHostTasks: Bool? = nil, hidepid: String? = nil, hidepidGid: Int? = nil, readerUid: Int? = nil,
        readerGids: [Int] = []
    ) {
        self.listsHostTasks = listsHostTasks
        self.hidepid = hidepid
        self.hidepidGid = hidepidGid
        self.readerUid = readerUid
        self.readerGids = readerGids
    }

    /// The hidepid value when it may hide some of `uid`'s tasks from this
    /// reader. The kernel shows a task through hidepid to a member of the
    /// mount's gid= and otherwise only when the reader may ptrace-read it
    /// (fs/proc/base.c has_pid_permissions()): root may; a reader of the
    /// same uid may not where the task's effective or saved uid or gid
    /// differ from its own (a setuid or setgid program the uid started)
    /// or where it is not dumpable (kernel/ptrace.c __ptrace_may_access(),
    /// docs/kernel-facts.md §11.139). So a reader that is not root sees a
    /// part even of its own uid's tasks, and which part it cannot tell.
    func hides(uid: Int) -> String? {
        guard let hidepid, let readerUid, readerUid != 0 else { return nil }
        if let hidepidGid, readerGids.contains(hidepidGid) { return nil }
        return hidepid
    }
}
