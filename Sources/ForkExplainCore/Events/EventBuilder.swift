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

    private(set) var events: [FailureEvent] = []
    private var lastFailure: [TallyKey: Int] = [:]
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
            lastFailure[TallyKey(record)] = events.count
            events.append(classified ?? FailureEvent(record: record, verdict: classifier.classify(record)))
        case .tally:
            let suppressed = max(0, record.call?.suppressed ?? 0)
            if let index = lastFailure[TallyKey(record)] {
                events[index].count = events[index].count.addingSaturated(suppressed)
                if let date = record.time.flatMap(Timestamp.parse), events[index].lastDate.map({ date > $0 }) ?? true {
                    events[index].lastDate = date
                    events[index].lastTime = record.time
                }
            } else {
                var event = FailureEvent(record: record, verdict: Classifier.tallyOnly(record))
                event.count = max(1, suppressed)
                events.append(event)
            }
        case .other:
            // A record type from a newer schema: counted by the reader, not classified.
            break
        }
    }
}
