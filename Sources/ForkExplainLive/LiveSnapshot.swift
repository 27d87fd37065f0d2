import CForkExplainSnapshot
import ForkExplainCore
import Foundation

/// The state of a running process, collected by the shim's own snapshot code
/// (CShim/check.c) and read back through the log model, so `check` and a
/// failure record can never disagree on what a field means.
public enum LiveSnapshot {
    public enum Failure: Error, CustomStringConvertible {
        case noSuchProcess(Int32)
        case collectionFailed

        public var description: String {
            switch self {
            case .noSuchProcess(let pid):
                "no process \(pid) (see `ps -p \(pid)`); give the pid of a running process"
            case .collectionFailed:
                "the snapshot could not be taken (out of memory?)"
            }
        }
    }

    /// Snapshots `pid`, or the caller when nil.
    public static func take(pid: Int32?) throws -> LogRecord {
        try LogRecord(jsonLine: [UInt8](json(pid: pid)))
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
