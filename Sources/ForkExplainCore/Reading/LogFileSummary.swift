/// What reading one log found.
public struct LogFileSummary: Sendable, Hashable {
    public var path: String
    /// Lines that were forkexplain records, of any type and schema.
    public var records: Int
    /// Lines that were not (not JSON, not an object, no schema or type).
    public var skippedLines: Int
    public var newerSchemaSeen: Bool

    public init(path: String, records: Int = 0, skippedLines: Int = 0, newerSchemaSeen: Bool = false) {
        self.path = path
        self.records = records
        self.skippedLines = skippedLines
        self.newerSchemaSeen = newerSchemaSeen
    }
}
