/// `held`: a tally of failures the shim held back in the process tree's
/// shared tally area because their own tally could not be written (the log
/// could not be opened at a full memory cgroup), written later by another
/// writer of the tree that could (docs/log-format.md, "held";
/// CShim/preload/heldtally.h). Its `suppressed` counts them, as any
/// tally's does; `process` is the writer's, not necessarily theirs.
struct HeldTally: Sendable, Encodable, Hashable {
    /// The errno that kept their tally from the log (`EACCES`, `ENOMEM`:
    /// an open at the memory cgroup's limit, `EMFILE`, ...).
    var logErrno: Int?
    var logErrnoName: String?
    /// Why no buffer was filled at them, as `fill_refused.reason` says it:
    /// "memcg", "mem_available" or "unread"; nil if none was said.
    var fill: String?
    /// The held slots were full: the count is of failures of any call and
    /// errno, those of the line the first's.
    var overflow: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case logErrno = "log_errno"
        case logErrnoName = "log_errno_name"
        case fill, overflow
    }

    init() {}

    /// The evidence line of a tally that carries it.
    func note(count: Int) -> String {
        let why = logErrnoName ?? logErrno.map { "errno \($0)" } ?? "an error"
        var line =
            "\(count) of these failures were held back in the process tree's shared tally area: their tally could not be written (the log's open failed with \(why))"
        if let fill { line += ", and memory had no room for the shim's buffers (\(fill))" }
        line += "; a later writer of the same tree wrote them, so the process named is that writer"
        if overflow == true {
            line += "; the held slots were full: the call and errno are those of the first of them"
        }
        return line
    }
}
