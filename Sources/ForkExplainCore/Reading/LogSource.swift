/// A log to read: a path (`-` is standard input) and where to start in it.
public struct LogSource: Sendable, Hashable {
    public static let standardInput = "-"

    var path: String
    /// Bytes to skip first: `run` reads only what was appended while it ran.
    var offset: UInt64
    /// Found in a directory, not named: a file there that is not a
    /// forkexplain log (`report /tmp` finds other programs' `.jsonl`) is
    /// passed over with a warning, where a named one is an error.
    public var foundInDirectory: Bool

    public init(path: String, offset: UInt64 = 0, foundInDirectory: Bool = false) {
        self.path = path
        self.offset = offset
        self.foundInDirectory = foundInDirectory
    }

    /// How the log is named in output: `-` reads better as "standard input".
    var displayName: String {
        path == Self.standardInput ? "standard input" : path
    }
}
