/// A log to read: a path (`-` is standard input) and where to start in it.
public struct LogSource: Sendable, Hashable {
    public static let standardInput = "-"

    public var path: String
    /// Bytes to skip first: `run` reads only what was appended while it ran.
    public var offset: UInt64

    public init(path: String, offset: UInt64 = 0) {
        self.path = path
        self.offset = offset
    }

    /// How the log is named in output: `-` reads better as "standard input".
    public var displayName: String {
        path == Self.standardInput ? "standard input" : path
    }
}

/// What reading one log found.
public struct LogFileSummary: Sendable, Hashable {
    public var path: String
    /// Lines that were forkexplain records, of any type and schema.
    public var records: Int
    /// Lines that were not (not JSON, not an object, no schema or type).
    public var skippedLines: Int
    public var newerSchemaSeen: Bool
    /// The file's owner (st_uid); nil for standard input. Readers warn when
    /// it is neither them nor root: another user could have forged it.
    public var owner: UInt32?

    public init(
        path: String, records: Int = 0, skippedLines: Int = 0, newerSchemaSeen: Bool = false, owner: UInt32? = nil
    ) {
        self.path = path
        self.owner = owner
        self.records = records
        self.skippedLines = skippedLines
        self.newerSchemaSeen = newerSchemaSeen
    }
}
