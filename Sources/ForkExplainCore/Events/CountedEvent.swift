import Foundation

/// An event a text or Markdown report counted into its incident as soon as
/// it came, and what of it a later tally still amends (`EventBuilder`,
/// `ReportStream`). Those reports show incidents, not events, so no event
/// need be held for its tallies: 100,000 processes that each failed once
/// within a second held 100,000 events to the end, where this is some 60
/// bytes each (docs/performance.md, "Held events: counted at once, spooled").
/// Not under `--since`, which a tally's time can change the outcome of.
/// JSON writes each event's final count: its text waits, small
/// (`WaitingWrite`), until the event is final (`EventBuilder.writesLater`).
struct CountedEvent: Sendable {
    var sequence: Int
    /// The event's count and last time, its tallies added.
    var count: Int
    var lastDate: Date? {
        get { last.isNaN ? nil : Date(timeIntervalSinceReferenceDate: last) }
        set { last = newValue?.timeIntervalSinceReferenceDate ?? .nan }
    }
    /// `lastDate`, NaN for none (no time a log gives is NaN): a `Date?`
    /// took a word more of each of the 262,144 buckets of a table of
    /// 100,000 processes (docs/performance.md, "Held events: what each
    /// process leaves").
    private var last: TimeInterval
    /// Where `ReportStream` put it: its incident's place (-1: the filter
    /// left it out) and its trace's in the merger (-1: none).
    var incident: Int32 = -1
    var trace: Int32 = -1
    /// For JSON (`EventBuilder.writesLater`), which leaves its trace only
    /// when it writes it, `trace` is instead the place of its
    /// `WaitingWrite`: a field of its own made each of 100,000 processes'
    /// 8 bytes larger for text too.
    var waiting: Int32 {
        get { trace }
        set { trace = newValue }
    }

    init(sequence: Int, count: Int, lastDate: Date?) {
        self.sequence = sequence
        self.count = count
        last = lastDate?.timeIntervalSinceReferenceDate ?? .nan
    }
}

/// What `EventBuilder.add` did with a record besides handing events on
/// when it counts events at once.
enum Counting: Sendable {
    case none
    /// A failure to count now, with its place in the log.
    case counted(FailureEvent, Int)
    /// A tally joined a counted event: `suppressed` more failures, and the
    /// event's new last time when it moved it on.
    case tallied(CountedEvent, suppressed: Int, extended: (date: Date, time: String?)?)
}
