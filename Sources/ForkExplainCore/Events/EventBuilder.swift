import Foundation

/// Turns records into events: classifies failures, and folds each tally
/// into the last failure of the same process, call and errno (log-format.md,
/// "tally"), which gives it its verdict.
///
/// Holds one event per process, call and errno, the one a tally can still
/// join, and hands it on once it is final: when that process's next failure
/// of the same call and errno comes (later tallies go to that one), or at
/// the end. What it holds grows with the processes in the log, not with its
/// records (docs/design.md, "report --format json").
struct EventBuilder: Sendable {
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
    }

    private var open: [TallyKey: Open] = [:]
    private var sequence = 0
    private let classifier: Classifier

    init(classifier: Classifier = Classifier()) {
        self.classifier = classifier
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
    mutating func add(
        _ record: LogRecord, classified: FailureEvent? = nil, final: (FailureEvent, Int) throws -> Void
    ) rethrows {
        defer { sequence += 1 }
        switch record.type {
        case .failure:
            let key = TallyKey(record)
            var event = classified ?? classifier.event(record)
            if let previous = open[key] {
                if let suppressed = previous.waitingTally {
                    event.count = event.count.addingSaturated(suppressed)
                    Self.extend(&event, to: previous.event.lastDate, text: previous.event.lastTime)
                } else {
                    try final(previous.event, previous.sequence)
                }
            }
            open[key] = Open(event: event, sequence: sequence)
        case .tally:
            let key = TallyKey(record)
            let suppressed = max(0, record.call?.suppressed ?? 0)
            if var previous = open[key] {
                previous.event.count = previous.event.count.addingSaturated(suppressed)
                Self.extend(&previous.event, to: record.time.flatMap(Timestamp.parse), text: record.time)
                previous.waitingTally = previous.waitingTally.map { $0.addingSaturated(suppressed) }
                open[key] = previous
            } else {
                var event = FailureEvent(record: record, verdict: Classifier.tallyOnly(record))
                event.count = max(1, suppressed)
                open[key] = Open(event: event, sequence: sequence, waitingTally: suppressed)
            }
        case .other:
            // A record type from a newer schema: counted by the reader, not classified.
            break
        }
    }

    /// Hands on every event still held, in log order.
    mutating func finish(final: (FailureEvent, Int) throws -> Void) rethrows {
        let rest = open.values.sorted { $0.sequence < $1.sequence }
        open = [:]
        for held in rest { try final(held.event, held.sequence) }
    }

    private static func extend(_ event: inout FailureEvent, to date: Date?, text: String?) {
        if let date, event.lastDate.map({ date > $0 }) ?? true {
            event.lastDate = date
            event.lastTime = text
        }
    }
}
