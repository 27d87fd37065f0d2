/// What reading one log found.
struct LogFileSummary: Sendable, Hashable {
    var path: String
    /// Lines that were forkexplain records, of any type and schema.
    var records: Int
    /// Lines that were not (not JSON, not an object, no schema or type).
    var skippedLines: Int
    var newerSchemaSeen: Bool

    init(path: String, records: Int = 0, skippedLines: Int = 0, newerSchemaSeen: Bool = false) {
        self.path = path
        self.records = records
        self.skippedLines = skippedLines
        self.newerSchemaSeen = newerSchemaSeen
    }
}
