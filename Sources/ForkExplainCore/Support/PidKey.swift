/// A process as the tables a report keeps one entry of for each process
/// find it (`EventBuilder`'s held and counted events, `IncidentGrouper`'s
/// attempts, an incident's processes): its pid, and the place of the rest
/// of its key (host, boot, call, errno, or the process's name, of which a
/// log has a few) in a table of those. 16 bytes,
/// where an `Int?` beside an index took 24 (its nil flag a word of its
/// own): 8 bytes more of every bucket, and a table of 100,000 processes
/// has 262,144 (docs/performance.md, "Held events: what each process leaves").
struct PidKey: Hashable, Sendable {
    private let value: Int
    let names: Int32
    private let hasPid: Bool

    init(names: Int32, pid: Int?) {
        self.names = names
        value = pid ?? 0
        hasPid = pid != nil
    }

    var pid: Int? { hasPid ? value : nil }
}
