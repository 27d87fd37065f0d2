import Foundation

/// One failure record with its verdict, and the failures counted with it
/// (its own `suppressed` plus those of later tallies).
public struct FailureEvent: Sendable {
    /// Read-only: `identity` is worked out from it once. Boxed: an event
    /// is copied at each step of the report's pipeline, and a record inline
    /// is a copy of hundreds of bytes and a retain of each of its strings
    /// and lists every time.
    public var record: LogRecord { box.record }
    private let box: RecordBox
    /// Its object in the JSON report, made where it was classified when the
    /// report is JSON (`ReportBuilder.stream`); nil: made when written.
    var jsonText: EventJSONText?
    public var verdict: Verdict
    /// 1 + every suppressed failure that belongs to this record.
    var count: Int
    /// When the record was written (nil if its time was missing or unreadable).
    var date: Date?
    /// The latest time a tally added failures to this event, and its text.
    var lastDate: Date?
    var lastTime: String?

    /// Host or container, runtime and ids; nil when the record says nothing
    /// of it. Kept, not worked out again: the JSON report writes it for
    /// every event, and classifying worked it out already (`init(context:verdict:)`).
    let identity: ContainerIdentity?
    /// The identity in one line (`ContainerIdentity.summary`), as the JSON
    /// report writes it for every event.
    let workload: String?

    init(record: LogRecord, verdict: Verdict) {
        self.init(record: record, verdict: verdict, identity: ContainerIdentity(record: record))
    }

    /// The event of the record `context` was made of.
    init(context: FailureContext, verdict: Verdict) {
        self.init(record: context.record, verdict: verdict, identity: context.identity)
    }

    private init(record: LogRecord, verdict: Verdict, identity: ContainerIdentity) {
        box = RecordBox(record)
        self.verdict = verdict
        workload = identity.summary
        // An identity with a summary is not empty: `isEmpty` is asked only when there is none.
        self.identity = workload != nil || !identity.isEmpty ? identity : nil
        count = max(0, record.call?.suppressed ?? 0).addingSaturated(1)
        date = record.time.flatMap(Timestamp.parse)
        lastDate = date
        lastTime = record.time
    }

    var callDescription: String { record.call?.nameDescription ?? "unknown call" }
    public var errnoName: String? { record.call?.resolvedErrnoName }
    var errnoNumber: Int? { record.call?.errno ?? errnoName.flatMap(ErrnoName.number(for:)) }
    var pid: Int? { record.process?.pid }
    var comm: String? { record.process?.comm }
    var tid: Int? { record.process?.tid }
    /// The failing thread's name: `thread_comm`, or `comm` for the main
    /// thread of a record that predates `thread_comm` (docs/log-format.md).
    var threadName: String? {
        guard let process = record.process else { return nil }
        if let name = process.threadComm, !name.isEmpty { return name }
        if let tid = process.tid, tid == process.pid { return process.comm }
        return nil
    }
    var host: String? { record.host }
}

/// One record, shared by the copies of its event.
private final class RecordBox: Sendable {
    let record: LogRecord

    init(_ record: LogRecord) { self.record = record }
}
