import Foundation

/// One failure record with its verdict, and the failures counted with it
/// (its own `suppressed` plus those of later tallies).
public struct FailureEvent: Sendable {
    /// Read-only: `identity` is worked out from it once. Boxed: an event
    /// is copied at each step of the report's pipeline, and a record inline
    /// is a copy of hundreds of bytes and a retain of each of its strings
    /// and lists every time.
    public var record: LogRecord { box.record }
    private var box: RecordBox
    /// Its object in the JSON report, made where it was classified when the
    /// report is JSON (`ReportBuilder.stream`); nil: made when written.
    var jsonText: EventJSONText?
    /// Boxed: inline it is some 100 bytes of every event a report holds,
    /// and the events of one cause share one box (`SharedParts`).
    public var verdict: Verdict {
        get { verdictBox.verdict }
        set { verdictBox = VerdictBox(newValue) }
    }
    private(set) var verdictBox: VerdictBox
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
    /// Boxed: inline it is some 300 bytes of every held event, and the
    /// events of one workload share one box (`SharedParts`).
    var identity: ContainerIdentity? { identityBox?.identity }
    private(set) var identityBox: IdentityBox?
    /// The identity in one line (`ContainerIdentity.summary`), as the JSON
    /// report writes it for every event.
    private(set) var workload: String?
    /// Every string of the sections the record no longer has that holds a
    /// backtick, for the Markdown report (`MarkdownRenderer.backtickStrings`),
    /// found when it was held compact (`compactForText(quoting:)`); nil:
    /// the record is whole.
    private(set) var quoted: [String]?

    init(record: LogRecord, verdict: Verdict) {
        self.init(record: record, verdict: verdict, identity: ContainerIdentity(record: record))
    }

    /// The event of the record `context` was made of.
    init(context: FailureContext, verdict: Verdict) {
        self.init(record: context.record, verdict: verdict, identity: context.identity)
    }

    private init(record: LogRecord, verdict: Verdict, identity: ContainerIdentity) {
        box = RecordBox(record)
        verdictBox = VerdictBox(verdict)
        workload = identity.summary
        // An identity with a summary is not empty: `isEmpty` is asked only when there is none.
        identityBox = workload != nil || !identity.isEmpty ? IdentityBox(identity) : nil
        count = max(0, record.call?.suppressed ?? 0).addingSaturated(1)
        date = record.time.flatMap(Timestamp.parse)
        lastDate = date
        lastTime = record.time
    }

    /// The event as the JSON report holds it until it is final: its text
    /// made (`jsonText`), and of its record only what the report still
    /// reads once it is classified (`LogRecord.classified`). A log of many
    /// processes holds an event for each, which a later tally may add to
    /// (`EventBuilder`): whole records, about 12.7 KB an event, made a
    /// report of 100,000 processes that failed once each hold 1.27 GB.
    /// Not for text or Markdown: their incidents show the latest event's
    /// holders and backtrace, and Markdown quotes any string of its record.
    func compactForJSON() -> FailureEvent {
        var compact = self
        compact.jsonText = EventJSONText(self)
        compact.box = RecordBox(record.heldForJSON)
        return compact
    }

    /// The event as the text and Markdown reports hold it until it is
    /// final: of its record what grouping and merging read
    /// (`LogRecord.classified`) and what the renderers show of an
    /// incident's latest event (`LogRecord.shown`), and for Markdown
    /// (`quoting`) the backtick strings of the whole record. Whole records
    /// made a text report of 100,000 processes that failed once each hold
    /// 1.02 GB (docs/performance.md, "Held events").
    func compactForText(quoting: Bool) -> FailureEvent {
        var compact = self
        if quoting { compact.quoted = record.snapshot.map(MarkdownRenderer.backtickStrings(in:)) ?? [] }
        compact.box = RecordBox(record.shown)
        return compact
    }

    /// The same event with its parts replaced by equal ones that many held
    /// events share (`SharedParts`): `record` must equal the event's own.
    mutating func share(
        record: LogRecord, verdict: VerdictBox, identity: IdentityBox?, workload: String?, lastTime: String?
    ) {
        box = RecordBox(record)
        verdictBox = verdict
        identityBox = identity
        self.workload = workload
        self.lastTime = lastTime
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

/// One identity, shared by the events of one workload.
final class IdentityBox: Hashable, Sendable {
    let identity: ContainerIdentity

    init(_ identity: ContainerIdentity) { self.identity = identity }

    static func == (lhs: IdentityBox, rhs: IdentityBox) -> Bool { lhs.identity == rhs.identity }
    func hash(into hasher: inout Hasher) { hasher.combine(identity) }
}

/// One verdict, shared by the events of one cause.
final class VerdictBox: Hashable, Sendable {
    let verdict: Verdict

    init(_ verdict: Verdict) { self.verdict = verdict }

    static func == (lhs: VerdictBox, rhs: VerdictBox) -> Bool { lhs.verdict == rhs.verdict }
    func hash(into hasher: inout Hasher) { hasher.combine(verdict) }
}

/// One record, shared by the copies of its event.
private final class RecordBox: Sendable {
    let record: LogRecord

    init(_ record: LogRecord) { self.record = record }
}
