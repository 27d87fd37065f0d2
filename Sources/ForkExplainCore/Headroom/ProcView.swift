/// What the /proc a `check` reads can show of a uid's tasks, beside what
/// the record itself says: whether it lists the host's tasks or one PID
/// namespace's, and whether its mount hides other users' processes
/// (`hidepid=`, proc(5)). Taken live by the checker (ForkExplainLive);
/// `nil` fields leave the judgement to the record (PartialUidCount).
public struct ProcView: Sendable, Hashable {
    /// True when the reader is in the initial PID namespace of the real
    /// /proc; nil when not known (a replayed tree).
    public var listsHostTasks: Bool?
    /// The mount's `hidepid=` value, when it is not 0 (`off`).
    public var hidepid: String?
    /// The reader's effective uid: root, and a uid reading its own
    /// processes, see them through hidepid.
    public var readerUid: Int?

    public init(listsHostTasks: Bool? = nil, hidepid: String? = nil, readerUid: Int? = nil) {
        self.listsHostTasks = listsHostTasks
        self.hidepid = hidepid
        self.readerUid = readerUid
    }

    /// The hidepid value when it hides `uid`'s processes from this reader.
    func hides(uid: Int) -> String? {
        guard let hidepid, let readerUid, readerUid != 0, readerUid != uid else { return nil }
        return hidepid
    }
}
