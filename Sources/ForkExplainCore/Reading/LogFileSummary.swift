/// What reading one log found.
public struct LogFileSummary: Sendable, Hashable {
    public var path: String
    /// Lines that were forkexplain records, of any type and schema.
    var records: Int
    /// Lines that were not (not JSON, not an object, no schema or type).
    var skippedLines: Int
    var newerSchemaSeen: Bool
    /// Fields of records that were not read: a wrong type, a number out of
    /// range, a string that is not Unicode. Each costs its field only.
    var lostFields = 0
    /// Lines that were not records and did not try to be: the program's own
    /// output beside the records on a container's stderr, other JSON.
    var otherLines = 0
    /// Records that came in an envelope, by its kind (docs/shipping.md).
    var envelopeRecords: [EnvelopeKind: Int] = [:]
    /// The file's owner (st_uid); nil for standard input. Readers warn when
    /// it is neither them nor root: another user could have forged it.
    public var owner: UInt32?

    init(
        path: String, records: Int = 0, skippedLines: Int = 0, newerSchemaSeen: Bool = false, owner: UInt32? = nil
    ) {
        self.path = path
        self.records = records
        self.skippedLines = skippedLines
        self.newerSchemaSeen = newerSchemaSeen
        self.owner = owner
    }
}
