import CForkExplainSnapshot
import ForkExplainCore
import Foundation

/// The state of a running process, collected by the shim's own snapshot code
/// (CShim/check.c) and read back through the log model, so `check` and a
/// failure record can never disagree on what a field means.
public enum LiveSnapshot {
    public enum Failure: Error, CustomStringConvertible {
        case noSuchProcess(Int32)
        case notRunning(Int32, state: Character)
        case vanished(Int32)
        case namespaceUnreadable(Int32)
        case collectionFailed

        public var description: String {
            switch self {
            case .noSuchProcess(let pid):
                "no process \(pid) (see `ps -p \(pid)`); give the pid of a running process"
            case .notRunning(let pid, let state):
                "process \(pid) is \(state == "Z" ? "a zombie" : "dead") (state \(state)): it has no limits left to check"
            case .vanished(let pid):
                "process \(pid) exited while it was being checked"
            case .namespaceUnreadable(let pid):
                "the PID namespace of process \(pid) is not this one, or could not be compared, and its own pid_max could not be read from inside it (that needs root); its PID headroom is unknown"
            case .collectionFailed:
                "the snapshot could not be taken (out of memory?)"
            }
        }
    }

    /// Snapshots `pid`, or the caller when nil. A target that is a zombie,
    /// exits meanwhile, or whose PID namespace cannot be seen as it sees it
    /// is a failure: its limits would be someone else's.
    public static func take(pid: Int32?) throws -> LogRecord {
        guard let pid else { return try LogRecord(jsonLine: [UInt8](json(pid: nil))) }
        try requireRunning(pid, first: true)
        var record = try LogRecord(jsonLine: [UInt8](json(pid: pid)))
        // The collector reads a nested target's pid_max from inside its
        // namespace; where it could not, the record must not pass for it.
        let nested = TargetNamespace.differs(pid: pid) ?? true
        if nested, !record.carriesNamespacePIDSpace {
            try requireRunning(pid)
            throw Failure.namespaceUnreadable(pid)
        }
        // From the host, the host's pid_max binds the target too and is
        // this process's own to read (docs/kernel-facts.md §6.19).
        if nested, TargetNamespace.readerIsOnTheHost, let host = TargetNamespace.ownPIDMax() {
            record.noteHostPIDMax(host)
        }
        try requireRunning(pid)
        return record
    }

    private static func requireRunning(_ pid: Int32, first: Bool = false) throws {
        guard pid > 0 else { throw Failure.noSuchProcess(pid) }
        switch TargetState.letter(pid: pid) {
        case nil: throw first ? Failure.noSuchProcess(pid) : Failure.vanished(pid)
        case let state? where state == "Z" || state == "X" || state == "x": throw Failure.notRunning(pid, state: state)
        default: break
        }
    }

    /// The collector's record as it wrote it: one JSON object, schema 1.
    public static func json(pid: Int32?) throws -> Data {
        if let pid {
            let root = ProcessInfo.processInfo.environment["FORKEXPLAIN_PROC_ROOT"] ?? "/proc"
            guard pid > 0, FileManager.default.fileExists(atPath: "\(root)/\(pid)/status") else {
                throw Failure.noSuchProcess(pid)
            }
        }
        let capacity = 256 * 1024
        var buffer = [CChar](repeating: 0, count: capacity)
        let length = buffer.withUnsafeMutableBufferPointer { fx_check_snapshot(pid ?? 0, $0.baseAddress, capacity) }
        guard length > 0 else { throw Failure.collectionFailed }
        return Data(buffer.prefix(length).map { UInt8(bitPattern: $0) })
    }
}
