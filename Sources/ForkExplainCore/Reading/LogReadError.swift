#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Why a log could not be read at all. Malformed lines are not errors: they
/// are counted in `LogFileSummary.skippedLines`.
public enum LogReadError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotRead(path: String, reason: String)
    case notALog(path: String)
    /// A FIFO, device or directory where a log was expected: not opened for
    /// reading, so it cannot hang the reader.
    case notAFile(path: String, kind: String)

    /// One line, meant to follow `forkexplain: `.
    public var description: String {
        switch self {
        case .cannotRead(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .notALog(let path):
            return "\(path) is not a forkexplain log (no line has a schema and type field)"
        case .notAFile(let path, let kind):
            return "\(path) is \(kind), not a log file"
        }
    }

    /// What a file of `mode` (st_mode) is, for "is a FIFO, not a log file".
    public static func kind(of mode: UInt32) -> String {
        switch mode & UInt32(S_IFMT) {
        case UInt32(S_IFIFO): return "a FIFO"
        case UInt32(S_IFDIR): return "a directory"
        case UInt32(S_IFCHR): return "a character device"
        case UInt32(S_IFBLK): return "a block device"
        case UInt32(S_IFSOCK): return "a socket"
        case UInt32(S_IFLNK): return "a symbolic link"
        default: return "not a regular file"
        }
    }
}
