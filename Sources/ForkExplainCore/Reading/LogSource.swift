/// A log to read: a path (`-` is standard input) and where to start in it.
public struct LogSource: Sendable, Hashable {
    public static let standardInput = "-"

    var path: String
    /// Bytes to skip first: `run` reads only what was appended while it ran.
    var offset: UInt64

    public init(path: String, offset: UInt64 = 0) {
        self.path = path
        self.offset = offset
    }

    /// How the log is named in output: `-` reads better as "standard input".
    var displayName: String {
        path == Self.standardInput ? "standard input" : path
    }
}
