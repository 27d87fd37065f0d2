import Foundation

/// Lines of a log waiting to be decoded, and their decoding on all cores.
/// One decoding path: every line goes through `RecordDecoder`, in
/// parallel or not.
struct DecodingBatch {
    /// Enough lines that a worker's share outweighs starting it, few enough
    /// that a batch of the largest records (32 KiB) stays near 64 MiB.
    static let lineLimit = 2048
    static let byteLimit = 64 << 20

    /// The batch's lines end to end, and where each ends: one buffer, not
    /// an allocation per line.
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    /// Copies a line in; true when the batch is full.
    mutating func add(_ line: ArraySlice<UInt8>) -> Bool {
        bytes.append(contentsOf: line)
        ends.append(bytes.count)
        return ends.count >= Self.lineLimit || bytes.count >= Self.byteLimit
    }

    /// Starts decoding the batch's lines on every core, and empties it: the
    /// caller reads the next lines, and hands on the batch before, while
    /// these decode.
    mutating func start<Prepared: Sendable>(prepare: @escaping @Sendable (LogRecord) -> Prepared) -> Decoding<
        Prepared
    > {
        let pending = (bytes: bytes, ends: ends)
        bytes = []
        ends = []
        bytes.reserveCapacity(pending.bytes.count)
        ends.reserveCapacity(pending.ends.count)
        let decoding = Decoding<Prepared>()
        decoding.job = ThreadJob {
            decoding.results = Self.decode(pending.bytes, ends: pending.ends, prepare: prepare)
        }
        return decoding
    }

    /// A line's record, the fields it lost, what `prepare` made of it, and
    /// whether a torn line came before it on the same line (one line more
    /// that is not a record).
    struct Decoded<Prepared> {
        var record: LogRecord
        var lostFields: Int
        var prepared: Prepared
        var tornBefore: Bool
    }

    /// Lines being decoded: `wait` gives each line's record, lost fields
    /// and what `prepare` made of it, or nil where the line is not a
    /// record, in the lines' order.
    final class Decoding<Prepared: Sendable>: @unchecked Sendable {
        fileprivate var job: ThreadJob?
        /// Written by `job`, read only after it is joined.
        fileprivate var results: [Decoded<Prepared>?] = []

        func wait() -> [Decoded<Prepared>?] {
            job?.join()
            job = nil
            return results
        }
    }

    private static func decode<Prepared: Sendable>(
        _ bytes: [UInt8], ends: [Int], prepare: @escaping @Sendable (LogRecord) -> Prepared
    ) -> [Decoded<Prepared>?] {
        let decodeLine = { @Sendable (index: Int) -> Decoded<Prepared>? in
            let start = index == 0 ? 0 : ends[index - 1]
            let line = bytes[start..<ends[index]]
            if let (record, lost) = RecordDecoder.decode(line) {
                return Decoded(record: record, lostFields: lost, prepared: prepare(record), tornBefore: false)
            }
            guard let (record, lost) = RecordDecoder.decodeAfterTornLine(line) else { return nil }
            return Decoded(record: record, lostFields: lost, prepared: prepare(record), tornBefore: true)
        }
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, ends.count / 64)
        guard workers > 1 else { return ends.indices.map(decodeLine) }
        let results = Results<Decoded<Prepared>?>(count: ends.count, empty: nil)
        let share = { @Sendable (worker: Int) in
            // Interleaved, so that a run of large records is shared out.
            for index in stride(from: worker, to: ends.count, by: workers) {
                results.store(decodeLine(index), at: index)
            }
        }
        // A worker that cannot have a thread runs its share here.
        let helpers = (1..<workers).map { worker in ThreadJob { share(worker) } }
        share(0)
        for helper in helpers { helper.join() }
        return results.take()
    }

    /// Slots the workers fill, each index by exactly one worker, read only
    /// after every worker is joined.
    private final class Results<Value>: @unchecked Sendable {
        private let slots: UnsafeMutableBufferPointer<Value>
        private var taken = false

        init(count: Int, empty: Value) {
            slots = .allocate(capacity: count)
            slots.initialize(repeating: empty)
        }

        deinit {
            if !taken { slots.deinitialize() }
            slots.deallocate()
        }

        func store(_ value: Value, at index: Int) { slots[index] = value }

        /// The values, moved out rather than copied: a copy retained and
        /// released every string of every record once more.
        func take() -> [Value] {
            precondition(!taken, "the results of a batch are taken once")
            taken = true
            return Array(unsafeUninitializedCapacity: slots.count) { buffer, count in
                _ = buffer.moveInitialize(fromContentsOf: slots)
                count = slots.count
            }
        }
    }
}
