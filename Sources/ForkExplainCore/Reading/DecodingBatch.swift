import Foundation

/// Lines of a log waiting to be decoded, and their decoding on all cores.
/// One decoding path: every line goes through `LenientDecoder`, in
/// parallel or not.
struct DecodingBatch {
    /// Enough lines that a worker's share outweighs starting it, few enough
    /// that a batch of the largest records (32 KiB) stays near 64 MiB.
    static let lineLimit = 2048
    static let byteLimit = 64 << 20

    private(set) var lines: [[UInt8]] = []
    private var bytes = 0

    /// Copies a line in; true when the batch is full.
    mutating func add(_ line: ArraySlice<UInt8>) -> Bool {
        lines.append(Array(line))
        bytes += line.count
        return lines.count >= Self.lineLimit || bytes >= Self.byteLimit
    }

    /// Each line's record and lost fields, or nil where the line is not a
    /// record, in the lines' order; empties the batch.
    mutating func decode() -> [(LogRecord, Int)?] {
        let pending = lines
        lines.removeAll(keepingCapacity: true)
        bytes = 0
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, pending.count / 64)
        guard workers > 1 else { return pending.map(Self.decodeLine) }
        let results = Results(count: pending.count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            // Interleaved, so that a run of large records is shared out.
            for index in stride(from: worker, to: pending.count, by: workers) {
                results.store(Self.decodeLine(pending[index]), at: index)
            }
        }
        return results.values
    }

    private static func decodeLine(_ line: [UInt8]) -> (LogRecord, Int)? {
        guard let (record, lost) = try? LenientDecoder.decode(LogRecord.self, from: line[...]) else { return nil }
        return (record, lost)
    }

    /// Slots the workers fill, each index by exactly one worker, read only
    /// after concurrentPerform has returned (it waits for all of them).
    private final class Results: @unchecked Sendable {
        private let slots: UnsafeMutableBufferPointer<(LogRecord, Int)?>

        init(count: Int) {
            slots = .allocate(capacity: count)
            slots.initialize(repeating: nil)
        }

        deinit {
            slots.deinitialize()
            slots.deallocate()
        }

        func store(_ value: (LogRecord, Int)?, at index: Int) { slots[index] = value }

        var values: [(LogRecord, Int)?] { Array(slots) }
    }
}
