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
    /// that the heaps' holes stay small (`DecodingThreads.batchLines`); the
    /// bytes' limit holds a batch of the largest records (32 KiB) under it.
    static var lineLimit: Int { DecodingThreads.batchLines }
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
    /// Each line's result, nil where it is not a record: one slot a line,
    /// written by whichever thread claimed the line (`claims`), read only
    /// once the batch is decoded. Allocated once: kept from batch to batch.
    private var slots: UnsafeMutableBufferPointer<Decoded?>
    /// The lines of the batch being decoded, handed out a few at a time.
    private let claims = LineClaims()
    /// The batch's decoding jobs, on threads kept across batches
    /// (`KeptThreads`): a batch is some 1 ms of work, and two threads made
    /// and ended for each were a serial stretch of every batch.
    private var jobs: [KeptThreads.Job] = []

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
        slots = Self.allocate(Self.lineLimit)
    }

    deinit {
        // The jobs hold the batch until they have run: no thread writes now.
        slots.deinitialize()
        slots.deallocate()
    }

    private static func allocate(_ count: Int) -> UnsafeMutableBufferPointer<Decoded?> {
        let made = UnsafeMutableBufferPointer<Decoded?>.allocate(capacity: count)
        made.initialize(repeating: nil)
        return made
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
        if ends.count > slots.count {
            // More lines than the limit (a caller that did not stop at
            // `add`'s true): room for them all.
            slots.deinitialize()
            slots.deallocate()
            slots = Self.allocate(ends.count)
        }
        claims.reset(count: ends.count)
        // The lines shared out among every core's thread, each started
        // here: a job that started the others was one more thread's wait
        // for a core before the batch's second thread began.
        let workers = max(1, min(DecodingThreads.most, ends.count / DecodingThreads.share))
        jobs = (0..<workers).map { _ in KeptThreads.start { [self] in decodeClaimed() } }
    }

    /// Decodes what is left of the batch on this thread too, waits for the
    /// rest, gives each line's result and envelope in the lines' order,
    /// and empties the batch, keeping its buffers. The reading thread
    /// helps rather than waits: on a machine busy with other work a
    /// decoding thread may not get a core for a while, and the lines it
    /// has not claimed yet need not wait for it.
    func hand(_ each: (Decoded?, EnvelopeKind?) throws -> Void) rethrows {
        if !jobs.isEmpty { decodeClaimed() }
        for job in jobs { job.join() }
        jobs.removeAll(keepingCapacity: true)
        let count = ends.count
        defer {
            // The records go now, not when the buffers are next filled
            // (those handed on are moved out already).
            for index in 0..<count { slots[index] = nil }
            bytes.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
            kinds.removeAll(keepingCapacity: true)
        }
        // Each result moved out, not copied: a copy of a record is a retain
        // of each of its strings and lists, and a release of each after.
        for index in 0..<count { try each(slots[index].take(), kinds[index]) }
    }

    /// What the buffers hold room for, lines' bytes and results (the tests
    /// hold them to being kept).
    var capacity: (bytes: Int, results: Int) { (bytes.capacity, slots.count) }

    /// Decodes lines as long as some are left to claim: a few at a time,
    /// so that a thread that gets more of a core does more of the lines.
    /// Each slot is written by exactly one thread.
    private func decodeClaimed() {
        while let claimed = claims.next() {
            for index in claimed { slots[index] = decodeLine(index) }
        }
    }

    private func decodeLine(_ index: Int) -> Decoded? {
        let start = index == 0 ? 0 : ends[index - 1]
        let line = bytes[start..<ends[index]]
        if let (record, lost) = RecordDecoder.decode(line) { return made(record, lost, torn: false) }
        guard let (record, lost) = RecordDecoder.decodeAfterTornLine(line) else { return nil }
        return made(record, lost, torn: true)
    }

    private func made(_ record: LogRecord, _ lost: Int, torn: Bool) -> Decoded {
        let prepared = prepare(record)
        let kept = slim?(record, prepared) ?? record
        return Decoded(record: kept, lostFields: lost, prepared: prepared, tornBefore: torn)
    }
}

/// The lines of one batch, handed out in runs to the threads decoding it.
private final class LineClaims: @unchecked Sendable {
    /// Lines a claim takes: few enough that the threads end together,
    /// enough that the lock is taken rarely.
    static let run = 8

    private let lock = NSLock()
    private var claimed = 0
    private var count = 0

    /// Before the batch's threads start.
    func reset(count: Int) {
        lock.withLock {
            claimed = 0
            self.count = count
        }
    }

    /// The next run of lines, nil once all are claimed.
    func next() -> Range<Int>? {
        lock.withLock {
            guard claimed < count else { return nil }
            let start = claimed
            claimed = min(count, claimed + Self.run)
            return start..<claimed
        }
    }
}

/// How many threads a batch decodes on at most: one a core. `SteadyHeap`
/// gives each of them a heap of its own.
enum DecodingThreads {
    /// Once for the process: Foundation reads it from the cgroup's files at
    /// each ask (here cgroup v1's `cpuset.cpus` and `cpu.cfs_quota_us`, each
    /// opened, read and closed), and a batch asked each time it started.
    static let most = ProcessInfo.processInfo.activeProcessorCount

    /// Lines a batch takes: 32 for each core, at least 64, at most 512.
    /// Two batches are in flight, each line's record and, in JSON, its
    /// event's text (some 3 KB) made in the decoding threads' heaps while
    /// the other batch's are freed; the holes that leaves in glibc's heaps
    /// scale with a batch, and a longer log gives them more batches in
    /// which to reach a higher mark. On 2 cores, own peak from 10,000
    /// records to 300,000: 512 lines 35.4 to 37.2 MB (text), 39.5 to
    /// 41.7 (JSON); 64 lines 26.3 to 26.4 and 27.6 to 28.1, for the same
    /// CPU (docs/performance.md, "The report's last megabytes: batches of
    /// 64 lines").
    static let batchLines = min(512, max(64, 32 * most))

    /// Lines that earn a thread of their own, so that a batch of 64 lines
    /// still decodes on 2 threads: 32 lines are some 1 ms of a report's
    /// CPU (3.0 s for 100,000 records in JSON), against handing a job to a kept thread
    /// (`KeptThreads`).
    static let share = 32
}
