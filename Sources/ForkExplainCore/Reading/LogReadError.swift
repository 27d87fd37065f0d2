/// Why a log could not be read at all. Malformed lines are not errors: they
/// are counted in `LogFileSummary.skippedLines`.
public enum LogReadError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotRead(path: String, reason: String)
    case notALog(path: String)

    /// One line, meant to follow `forkexplain: `.
    public var description: String {
        switch self {
        case .cannotRead(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .notALog(let path):
            return "\(path) is not a forkexplain log (no line has a schema and type field)"
        }
    }
}
