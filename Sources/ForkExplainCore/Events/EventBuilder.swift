import Foundation

/// Turns records into events: classifies failures, and folds each tally
/// into the last failure of the same process, call and errno (log-format.md,
/// "tally"), which gives it its verdict.
///
/// Holds one event per process, call and errno, the one a tally can still
/// join, and hands it on once it is final: when that process's next failure
/// of the same call and errno comes (later tallies go to that one), or at
/// the end. What it holds grows with the processes in the log, not with its
/// records (docs/design.md, "report --format json"), and past `holdLimit`
/// held events only with the processes of the last `settleWindow`: the shim
/// starts a tally line at its process's first counted failure, within one
/// `FORKEXPLAIN_INTERVAL_MS` (24 h at most) of the record it adds to, so an
/// event older than that by its host's newest record can take no more.
struct EventBuilder: Sendable {
    static let defaultHoldLimit = 16_384
    static let settleWindow: TimeInterval = 25 * 3600
    /// Held events past this many share their parts (`SharedParts`): a log
    /// of a few processes never pays for the hashing.
    static let defaultShareFrom = 1_024
    /// Held JSON texts past this many go to the spool file: a log of a
    /// few processes never makes one.
    static let defaultSpoolFrom = 4_096

    /// A process is named by host, boot and pid: pids are reused across boots.
    struct TallyKey: Hashable, Sendable {
        var host: String?
        var bootId: String?
        var pid: Int?
        var call: String?
        var errno: String?

        init(_ record: LogRecord) {
            host = record.host
            bootId = record.bootId
            pid = record.process?.pid
            call = record.call?.name
            errno = record.call?.resolvedErrnoName
        }
    }

    /// A held event's key as its slot is found by: the pid, and the rest of
    /// its `TallyKey` (of which a log has a few: host, boot, call, errno)
    /// by its place in `names`. The whole key in each bucket, some 80
    /// bytes, was 23 MB of a report of 100,000 processes.
    private typealias SlotKey = PidKey

    /// An event tallies can still change, with its place among the records.
    private struct Open: Sendable {
        var event: FailureEvent
        var sequence: Int
        /// A tally with no failure before it: the shim starts a process's
        /// tally line while that process's first failure is still being
        /// snapshotted, so the line can come before the record it adds to
        /// (log-format.md, "tally"). It stands alone unless that failure
        /// follows; this is what it counted.
        var waitingTally: Int?
        /// The event's JSON text in shared pieces (`SharedParts`), or its
        /// place in the spool, when its own was emptied.
        var pieces: [[UInt8]]?
        var spooled: EventSpool.Place?

        mutating func add(tally suppressed: Int, at date: Date?, text: String?) {
            event.count = event.count.addingSaturated(suppressed)
            EventBuilder.extend(&event, to: date, text: text)
            waitingTally = waitingTally.map { $0.addingSaturated(suppressed) }
        }

        /// The event as it is handed on: its text whole again (empty if
        /// the spool could not give it back: `EventSpool.failure`).
        func final(_ spool: EventSpool, _ references: DeltaReferences<SpooledKey>) -> FailureEvent {
            var whole = event
            if let pieces {
                whole.jsonText?.bytes = SharedParts.joined(pieces)
            } else if let spooled {
                whole.jsonText?.bytes = references.read(spooled, from: spool) ?? []
            }
            return whole
        }
    }

    /// What a spooled text's reference is chosen by (`DeltaReferences`):
    /// its host and its number of frames, which a backtrace's texts share.
    struct SpooledKey: Hashable, Sendable {
        var host: String?
        var frames: Int
    }

    /// The held events. Not a dictionary of the events themselves: a
    /// dictionary keeps a quarter to over half of its buckets empty, each
    /// as large as an event (some 270 bytes inline), which for 100,000 held
    /// events was some 90 MB of a report's peak (docs/performance.md,
    /// "Held events"); nor slots found through a dictionary of places (a
    /// list of slots and a table, each grown by doubling), but a
    /// `CompactTable`: the events in one dense list, found through 4-byte
    /// places (docs/performance.md, "Held events: the tables of each
    /// process compact").
    private var slot = CompactTable<SlotKey, Open>()
    /// Each `TallyKey` less its pid, once, and its place in `names`.
    private var names: [TallyKey] = []
    private var nameIndex: [TallyKey: Int] = [:]
    private var sequence = 0
    /// Each host's newest record time: hosts' clocks differ.
    private var newest: [String: Date] = [:]
    private var nextSettle = 0
    private var parts = SharedParts()
    /// Held events' JSON texts, past `spoolFrom` held (`EventSpool`), as
    /// their lines against a reference: 100,000 processes' texts were
    /// 243 MB (docs/performance.md, "Held events: JSON's waiting texts as
    /// lines of a reference").
    let spool = EventSpool()
    private var references = DeltaReferences<SpooledKey>()
    /// The events counted at once (`countsAtOnce`) a tally can still join:
    /// one for each process, so in a `CompactTable`.
    private var counted = CompactTable<SlotKey, CountedEvent>(spillFrom: SpillRuns.memoryBound)
    private var lastCounted: SlotKey?
    /// No counted event's last time is earlier (a bound, not the least:
    /// a tally only moves one on): while every host's newest record is
    /// within `settleWindow` of it, `settle` need not look at them, which
    /// on disk (`SpillRuns`) is a read of the file.
    private var countedOldest = TimeInterval.infinity
    var heldEvents: Int { slot.count }
    var countedHeld: Int { counted.count }
    /// The room made for held events: it follows the most held at once.
    var slotsMade: Int { slot.room }
    let classifier: Classifier
    let holdLimit: Int
    let shareFrom: Int
    let spoolFrom: Int
    /// A shim failure is not held for its tallies but handed back to be
    /// counted now (`Counting.counted`), and its tallies handed back as
    /// they come (`Counting.tallied`): for reports that show no event's
    /// own count (`CountedEvent`), or write it later (`writesLater`).
    /// A watch failure is held still: its twin
    /// is found by its final count (`SourceMerger`).
    let countsAtOnce: Bool
    /// With `countsAtOnce`, each counted event is handed on again when it
    /// is final (`add`'s and `finish`'s `counted`), where a held event
    /// would have been, in the same order: for JSON, which writes each
    /// event's final count in that order (`WaitingWrite`).
    let writesLater: Bool

    init(
        classifier: Classifier = Classifier(), holdLimit: Int = EventBuilder.defaultHoldLimit,
        shareFrom: Int = EventBuilder.defaultShareFrom, spoolFrom: Int = EventBuilder.defaultSpoolFrom,
        countsAtOnce: Bool = false, writesLater: Bool = false
    ) {
        self.writesLater = countsAtOnce && writesLater
        self.spoolFrom = spoolFrom
        self.classifier = classifier
        self.holdLimit = max(1, holdLimit)
        self.shareFrom = shareFrom
        self.countsAtOnce = countsAtOnce
    }

    /// A failure record's event, classified: what the log reader runs on
    /// every core as it decodes (nil for other records).
    static func classified(_ record: LogRecord, by classifier: Classifier) -> FailureEvent? {
        guard record.type == .failure else { return nil }
        return classifier.event(record)
    }

    /// `classified`: the record's event from `classified(_:by:)`, if made.
    /// `final` gets each event that no later record can change, with its
    /// place in the log (events of different processes come out of order).
    /// With `countsAtOnce`, what else to do with the record (`Counting`).
    @discardableResult
    mutating func add(
        _ record: LogRecord, classified: FailureEvent? = nil, final: (FailureEvent, Int) throws -> Void
    ) rethrows -> Counting {
        try add(record, classified: classified) { (handed: Handed) in
            if case .event(let event, let sequence) = handed { try final(event, sequence) }
        }
    }

    /// What is handed on once final: a held event, with its place in the
    /// log, or with `writesLater` a counted one.
    enum Handed {
        case event(FailureEvent, Int)
        case counted(CountedEvent)
    }

    /// The same, each final event and (with `writesLater`) counted event
    /// handed on in one order.
    @discardableResult
    mutating func add(
        _ record: LogRecord, classified: FailureEvent? = nil, handing hand: (Handed) throws -> Void
    ) rethrows -> Counting {
        defer { sequence += 1 }
        // A failure's time is parsed where it is classified, on every core;
        // this thread parses only the others'.
        let failure = record.type == .failure ? classified ?? classifier.event(record) : nil
        let date = failure.map(\.date) ?? record.time.flatMap(Timestamp.parse)
        if let date {
            let host = record.host ?? ""
            if newest[host].map({ date > $0 }) ?? true { newest[host] = date }
        }
        if slot.count + counted.count > holdLimit, sequence >= nextSettle {
            try settle(handing: hand)
            nextSettle = sequence + max(1, holdLimit / 4)
        }
        switch record.type {
        case .failure:
            let key = slotKey(TallyKey(record))
            guard var event = failure else { return .none }
            if let previous = held(at: key) {
                if let suppressed = previous.waitingTally {
                    event.count = event.count.addingSaturated(suppressed)
                    Self.extend(&event, to: previous.event.lastDate, text: previous.event.lastTime)
                } else {
                    try hand(.event(previous.final(spool, references), previous.sequence))
                }
            }
            // Later tallies join this one: the event counted before is final.
            if countsAtOnce, let done = counted.removeValue(forKey: key), writesLater { try hand(.counted(done)) }
            if countsAtOnce, !record.isFromWatch {
                remove(at: key)
                // Let go of just above: no search of the file again.
                counted.insertNew(
                    CountedEvent(sequence: sequence, count: event.count, lastDate: event.lastDate), for: key)
                if let last = event.lastDate?.timeIntervalSinceReferenceDate {
                    countedOldest = min(countedOldest, last)
                }
                lastCounted = key
                return .counted(event, sequence)
            }
            hold(Open(event: event, sequence: sequence), at: key)
        case .tally:
            let key = slotKey(TallyKey(record))
            let suppressed = max(0, record.call?.suppressed ?? 0)
            // In place: a copy taken out and put back costs a retain and a
            // release of every part the event holds.
            if slot.modify(key, { $0.add(tally: suppressed, at: date, text: record.time) }) { break }
            if var event = counted[key] {
                event.count = event.count.addingSaturated(suppressed)
                var extended: (date: Date, time: String?)?
                // As `extend` moves a held event's last time on.
                if let date, event.lastDate.map({ date > $0 }) ?? true {
                    event.lastDate = date
                    extended = (date, record.time)
                }
                counted[key] = event
                return .tallied(event, suppressed: suppressed, extended: extended)
            } else {
                var event = FailureEvent(record: record, verdict: Classifier.tallyOnly(record))
                event.count = max(1, suppressed)
                hold(Open(event: event, sequence: sequence, waitingTally: suppressed), at: key)
            }
        case .other:
            // A record type from a newer schema: counted by the reader, not classified.
            break
        }
        return .none
    }

    /// Where the event last handed back as `Counting.counted` was counted:
    /// its incident's place and its trace's, for its tallies.
    /// With `writesLater`, `trace` is the place of its `WaitingWrite`
    /// (`CountedEvent.waiting`).
    mutating func countedAt(incident: Int32, trace: Int32) {
        guard let key = lastCounted else { return }
        counted.modify(key) {
            $0.incident = incident
            $0.trace = trace
        }
    }

    /// Hands on every event still held, in log order, each let go of as it
    /// is handed on: a list of them all, or of their texts put back
    /// together, was a second copy of what the builder held at its peak.
    mutating func finish(final: (FailureEvent, Int) throws -> Void) rethrows {
        try finish { (handed: Handed) in
            if case .event(let event, let sequence) = handed { try final(event, sequence) }
        }
    }

    /// The same; with `writesLater`, the counted events among them, in
    /// the same log order.
    mutating func finish(handing hand: (Handed) throws -> Void) rethrows {
        var held: [(key: SlotKey, sequence: Int)] = []
        slot.forEach { key, open in held.append((key, open.sequence)) }
        held.sort { $0.sequence < $1.sequence }
        // The counted events as they were read, the table let go of whole:
        // one by one, each on disk (`SpillRuns`) was a read and a write.
        // Put in order in runs, on disk but the last: a list of them all
        // was 32 bytes of each process, twice that as it grew.
        var waiting = SortedRuns<CountedEvent, Int> { $0.sequence }
        if writesLater { counted.forEach { _, event in waiting.add(event) } }
        counted.removeAll()
        for (key, sequence) in held {
            while let event = waiting.peek(), event.sequence < sequence {
                try hand(.counted(event))
                _ = waiting.next()
            }
            guard let open = remove(at: key) else { continue }
            try hand(.event(open.final(spool, references), open.sequence))
        }
        while let event = waiting.next() { try hand(.counted(event)) }
    }

    /// Hands on, in log order, the held events no tally can still join.
    private mutating func settle(handing hand: (Handed) throws -> Void) rethrows {
        var done: [(key: SlotKey, sequence: Int, counted: Bool)] = []
        slot.forEach { key, held in
            guard let last = held.event.lastDate ?? held.event.date, let now = newest[names[Int(key.names)].host ?? ""],
                now.timeIntervalSince(last) > Self.settleWindow
            else { return }
            done.append((key, held.sequence, false))
        }
        // A counted event past the window takes no more tallies either.
        // Let go of one by one, not filtered into a new table: that was a
        // second table of every process at each settle.
        var past: [SlotKey] = []
        if let latest = newest.values.max(),
            latest.timeIntervalSinceReferenceDate - countedOldest > Self.settleWindow
        {
            var oldest = TimeInterval.infinity
            past = counted.keys { key, event in
                guard let last = event.lastDate else { return false }
                guard let now = newest[names[Int(key.names)].host ?? ""],
                    now.timeIntervalSince(last) > Self.settleWindow
                else {
                    oldest = min(oldest, last.timeIntervalSinceReferenceDate)
                    return false
                }
                return true
            }
            countedOldest = oldest
        }
        if writesLater {
            // Written in log order among the held events, as they would have been held.
            for key in past { if let event = counted[key] { done.append((key, event.sequence, true)) } }
        } else {
            for key in past { counted.removeValue(forKey: key) }
        }
        done.sort { $0.sequence < $1.sequence }
        for (key, _, isCounted) in done {
            if isCounted {
                if let event = counted.removeValue(forKey: key) { try hand(.counted(event)) }
            } else if let held = remove(at: key) {
                try hand(.event(held.final(spool, references), held.sequence))
            }
        }
    }

    private mutating func slotKey(_ key: TallyKey) -> SlotKey {
        var rest = key
        rest.pid = nil
        if let index = nameIndex[rest] { return SlotKey(names: Int32(truncatingIfNeeded: index), pid: key.pid) }
        nameIndex[rest] = names.count
        names.append(rest)
        return SlotKey(names: Int32(truncatingIfNeeded: names.count - 1), pid: key.pid)
    }

    private mutating func hold(_ event: Open, at key: SlotKey) {
        var held = event
        if slot.count >= spoolFrom, held.event.jsonText != nil {
            _ = parts.share(&held.event, cutting: false)
            if let text = held.event.jsonText,
                let place = references.write(
                    text.bytes, key: SpooledKey(host: held.event.record.host, frames: text.frameKeys.count), to: spool)
            {
                held.spooled = place
                held.event.jsonText?.bytes = []
            } else {
                // The spool cannot take it: held in memory, in shared pieces.
                held.pieces = parts.share(&held.event)
            }
        } else if slot.count >= shareFrom {
            held.pieces = parts.share(&held.event)
        }
        slot[key] = held
    }

    private func held(at key: SlotKey) -> Open? { slot[key] }

    /// Lets go of the event held at `key`.
    @discardableResult
    private mutating func remove(at key: SlotKey) -> Open? { slot.removeValue(forKey: key) }

    private static func extend(_ event: inout FailureEvent, to date: Date?, text: String?) {
        if let date, event.lastDate.map({ date > $0 }) ?? true {
            event.lastDate = date
            event.lastTime = text
        }
    }
}
