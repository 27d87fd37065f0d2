import Foundation

/// Lines of a log waiting to be decoded, and their decoding on all cores.
/// One decoding path: every line goes through `RecordDecoder`, in
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

    /// Starts decoding the batch's lines on every core, and empties it: the
    /// caller reads the next lines, and hands on the batch before, while
    /// these decode.
    mutating func start<Prepared: Sendable>(prepare: @escaping @Sendable (LogRecord) -> Prepared) -> Decoding<
        Prepared
    > {
        let pending = lines
        lines = []
        bytes = 0
        let decoding = Decoding<Prepared>()
        DispatchQueue.global().async(group: decoding.group) {
            decoding.results = Self.decode(pending, prepare: prepare)
        }
        return decoding
    }

    /// Lines being decoded: `wait` gives each line's record, lost fields
    /// and what `prepare` made of it, or nil where the line is not a
    /// record, in the lines' order.
    final class Decoding<Prepared: Sendable>: @unchecked Sendable {
        fileprivate let group = DispatchGroup()
        /// Written by the one job in `group`, read only after it is done.
        fileprivate var results: [(LogRecord, Int, Prepared)?] = []

        func wait() -> [(LogRecord, Int, Prepared)?] {
            group.wait()
            return results
        }
    }

    private static func decode<Prepared: Sendable>(
        _ pending: [[UInt8]], prepare: @escaping @Sendable (LogRecord) -> Prepared
    ) -> [(LogRecord, Int, Prepared)?] {
        let decodeLine = { @Sendable (line: [UInt8]) -> (LogRecord, Int, Prepared)? in
            guard let (record, lost) = RecordDecoder.decode(line[...]) else { return nil }
            return (record, lost, prepare(record))
        }
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, pending.count / 64)
        guard workers > 1 else { return pending.map(decodeLine) }
        let results = Results<(LogRecord, Int, Prepared)?>(count: pending.count, empty: nil)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            // Interleaved, so that a run of large records is shared out.
            for index in stride(from: worker, to: pending.count, by: workers) {
                results.store(decodeLine(pending[index]), at: index)
            }
        }
        return results.values
    }

    /// Slots the workers fill, each index by exactly one worker, read only
    /// after concurrentPerform has returned (it waits for all of them).
    private final class Results<Value>: @unchecked Sendable {
        private let slots: UnsafeMutableBufferPointer<Value>

        init(count: Int, empty: Value) {
            slots = .allocate(capacity: count)
            slots.initialize(repeating: empty)
        }

        deinit {
            slots.deinitialize()
            slots.deallocate()
        }

        func store(_ value: Value, at index: Int) { slots[index] = value }

        var values: [Value] { Array(slots) }
    }
}
