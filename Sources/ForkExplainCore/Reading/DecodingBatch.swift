import Foundation

/// Lines of a log, and their decoding on all cores. One decoding path:
/// every line goes through `RecordDecoder`, in parallel or not.
///
/// The reader keeps two that take turns (`LogReader`): one decodes while
/// the reading thread hands on the other's records and fills it with the
/// next lines. Each keeps its buffers from batch to batch: a batch's
/// buffers freed and made anew, batch after batch, left the allocator's
/// heaps to fragment, and a report's resident size grew with its log.
final class DecodingBatch<Prepared: Sendable>: @unchecked Sendable {
    /// Enough lines that a worker's share outweighs starting it, few enough
    /// that a batch of the largest records (32 KiB) stays near 64 MiB.
    static var lineLimit: Int { 2048 }
    static var byteLimit: Int { 64 << 20 }

    /// A line's record, the fields it lost, what `prepare` made of it, and
    /// whether a torn line came before it on the same line (one line more
    /// that is not a record).
    struct Decoded {
        var record: LogRecord
        var lostFields: Int
        var prepared: Prepared
        var tornBefore: Bool
    }

    private let prepare: @Sendable (LogRecord) -> Prepared
    private let slim: (@Sendable (LogRecord, Prepared) -> LogRecord)?
    /// The lines end to end, where each ends (one buffer, not an
    /// allocation per line), and the envelope each came out of.
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var kinds: [EnvelopeKind?] = []
    /// Each line's result, nil where it is not a record: written by `job`,
    /// read only after it is joined.
    private var results: [Decoded?] = []
    private var job: ThreadJob?

    /// `prepare` runs on each record where it is decoded; `slim`, when
    /// given, then makes the record handed on of it and what `prepare`
    /// made, there too: what the reading thread needs no more of is let
    /// go of on the decoding threads, not on the one thread every record
    /// passes through.
    init(
        prepare: @escaping @Sendable (LogRecord) -> Prepared,
        slim: (@Sendable (LogRecord, Prepared) -> LogRecord)? = nil
    ) {
        self.prepare = prepare
        self.slim = slim
    }

    var isEmpty: Bool { ends.isEmpty }

    /// Copies a line in; true when the batch is full.
    func add(_ line: ArraySlice<UInt8>, kind: EnvelopeKind?) -> Bool {
        bytes.append(contentsOf: line)
        ends.append(bytes.count)
        kinds.append(kind)
        return ends.count >= Self.lineLimit || bytes.count >= Self.byteLimit
    }

    /// Starts decoding the lines on every core. Nothing is added until
    /// `hand` has run.
    func start() {
        job = ThreadJob { [self] in decode() }
    }

    /// Waits for the decoding, gives each line's result and envelope in
    /// the lines' order, and empties the batch, keeping its buffers.
    func hand(_ each: (Decoded?, EnvelopeKind?) throws -> Void) rethrows {
        job?.join()
        job = nil
        defer {
            // The records go now, not when the buffers are next filled.
            results.removeAll(keepingCapacity: true)
            bytes.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
            kinds.removeAll(keepingCapacity: true)
        }
        // Each result moved out, not copied: a copy of a record is a retain
        // of each of its strings and lists, and a release of each after.
        for index in results.indices { try each(results[index].take(), kinds[index]) }
    }

    /// What the buffers hold room for, lines' bytes and results (the tests
    /// hold them to being kept).
    var capacity: (bytes: Int, results: Int) { (bytes.capacity, results.capacity) }

    private func decode() {
        let bytes = bytes
        let ends = ends
        let prepare = prepare
        let slim = slim
        let made = { @Sendable (record: LogRecord, lost: Int, torn: Bool) -> Decoded in
            let prepared = prepare(record)
            let kept = slim?(record, prepared) ?? record
            return Decoded(record: kept, lostFields: lost, prepared: prepared, tornBefore: torn)
        }
        let decodeLine = { @Sendable (index: Int) -> Decoded? in
            let start = index == 0 ? 0 : ends[index - 1]
            let line = bytes[start..<ends[index]]
            if let (record, lost) = RecordDecoder.decode(line) { return made(record, lost, false) }
            guard let (record, lost) = RecordDecoder.decodeAfterTornLine(line) else { return nil }
            return made(record, lost, true)
        }
        results.append(contentsOf: repeatElement(nil, count: ends.count))
        let workers = min(DecodingThreads.most, ends.count / 64)
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = Slots(buffer: buffer)
            let share = { @Sendable (worker: Int) in
                // Interleaved, so that a run of large records is shared out;
                // each slot is written by exactly one worker.
                for index in stride(from: worker, to: ends.count, by: max(1, workers)) {
                    slots.buffer[index] = decodeLine(index)
                }
            }
            // A worker that cannot have a thread runs its share here.
            let helpers = (1..<max(1, workers)).map { worker in ThreadJob { share(worker) } }
            share(0)
            for helper in helpers { helper.join() }
        }
    }
}

/// The results' slots, shared by the workers of one batch.
private struct Slots<Value>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Value>
}

/// How many threads a batch decodes on at most: one a core. `SteadyHeap`
/// gives each of them a heap of its own.
enum DecodingThreads {
    static var most: Int { ProcessInfo.processInfo.activeProcessorCount }
}
