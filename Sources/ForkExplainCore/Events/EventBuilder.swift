import Foundation

/// Turns records into events: classifies failures, and folds each tally
/// into the last failure of the same process, call and errno (log-format.md,
/// "tally"), which gives it its verdict.
struct EventBuilder: Sendable {
    /// A process is named by host, boot and pid: pids are reused across boots.
    struct TallyKey: Hashable {
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

    /// The events in log order, less the tallies that joined a later failure.
    var events: [FailureEvent] {
        built.indices.filter { !joinedLater.contains($0) }.map { built[$0] }
    }
    private var built: [FailureEvent] = []
    private var lastFailure: [TallyKey: Int] = [:]
    /// A tally with no failure before it: the shim starts a process's tally
    /// line while that process's first failure is still being snapshotted,
    /// so the line can come before the record it adds to (log-format.md,
    /// "tally"). It stands alone unless that failure follows.
    private var waiting: [TallyKey: (index: Int, suppressed: Int)] = [:]
    private var joinedLater: Set<Int> = []
    private let classifier: Classifier

    init(classifier: Classifier = Classifier()) {
        self.classifier = classifier
    }

    /// A failure record's event, classified: what the log reader runs on
    /// every core as it decodes (nil for other records).
    static func classified(_ record: LogRecord, by classifier: Classifier) -> FailureEvent? {
        guard record.type == .failure else { return nil }
        return FailureEvent(record: record, verdict: classifier.classify(record))
    }

    /// `classified`: the record's event from `classified(_:by:)`, if made.
    mutating func add(_ record: LogRecord, classified: FailureEvent? = nil) {
        switch record.type {
        case .failure:
            let key = TallyKey(record)
            var event = classified ?? FailureEvent(record: record, verdict: classifier.classify(record))
            if lastFailure[key] == nil, let tally = waiting.removeValue(forKey: key) {
                event.count = event.count.addingSaturated(tally.suppressed)
                Self.extend(&event, to: built[tally.index].lastDate, text: built[tally.index].lastTime)
                joinedLater.insert(tally.index)
            }
            lastFailure[key] = built.count
            built.append(event)
        case .tally:
            let key = TallyKey(record)
            let suppressed = max(0, record.call?.suppressed ?? 0)
            let date = record.time.flatMap(Timestamp.parse)
            if let index = lastFailure[key] {
                built[index].count = built[index].count.addingSaturated(suppressed)
                Self.extend(&built[index], to: date, text: record.time)
            } else if let tally = waiting[key] {
                built[tally.index].count = built[tally.index].count.addingSaturated(suppressed)
                Self.extend(&built[tally.index], to: date, text: record.time)
                waiting[key] = (tally.index, tally.suppressed.addingSaturated(suppressed))
            } else {
                var event = FailureEvent(record: record, verdict: Classifier.tallyOnly(record))
                event.count = max(1, suppressed)
                waiting[key] = (built.count, suppressed)
                built.append(event)
            }
        case .other:
            // A record type from a newer schema: counted by the reader, not classified.
            break
        }
    }

    private static func extend(_ event: inout FailureEvent, to date: Date?, text: String?) {
        if let date, event.lastDate.map({ date > $0 }) ?? true {
            event.lastDate = date
            event.lastTime = text
        }
    }
}
