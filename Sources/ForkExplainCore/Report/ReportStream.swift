/// The report's pipeline after decoding, one record at a time: events
/// (`EventBuilder`), the shim's and watch's twins made one
/// (`SourceMerger`), the filter, incidents (`IncidentGrouper`) and totals.
/// Each event is handed to `emit` once final and kept; what stays in memory
/// is the incidents and what later records can still change, not the
/// events (docs/design.md, "report --format json").
struct ReportStream {
    private var builder: EventBuilder
    private var merger = SourceMerger()
    private var grouper: IncidentGrouper
    private(set) var totals = ReportTotals()
    private let filter: EventFilter
    private let emit: (FailureEvent, Int) throws -> Void
    /// The spool of the builder `finish` hands on the held events of.
    private var spoolInUse: EventSpool?
    /// For JSON counted at once: each counted event's text until it is
    /// final, and where it is written then with its final count.
    private var waiting: WaitingWrites?
    private let write: ((EventWrite) throws -> Void)?

    /// `emit` gets each event kept and its place in the log. `countsAtOnce`:
    /// a shim event is counted into its incident as it comes, its later
    /// tallies added to that, and `emit` gets it without them: for reports
    /// that show incidents, not events (`CountedEvent`). Not with a `since`
    /// filter, which a tally's time can change the outcome of. `lists`: what
    /// each incident keeps of its processes, what the report shows of them.
    init(
        filter: EventFilter, classifier: Classifier = Classifier(), countsAtOnce: Bool = false,
        lists: Incident.Lists = .all, emit: @escaping (FailureEvent, Int) throws -> Void
    ) {
        self.init(
            filter: filter, classifier: classifier, countsAtOnce: countsAtOnce, lists: lists, emit: emit, write: nil)
    }

    /// For JSON: `write` gets each event's text and final count, in the
    /// order `emit` would have got the events held whole. A shim event is
    /// counted into its incident as it comes, as for `countsAtOnce`, and
    /// only its `WaitingWrite` held until it is final (not with a `since`
    /// filter: then each event is held whole and written through `write`).
    /// `spoolFrom`: waiting texts past this many go to the spool file.
    init(
        filter: EventFilter, classifier: Classifier = Classifier(), lists: Incident.Lists = .pids,
        spoolFrom: Int = WaitingWrites.spoolFrom, write: @escaping (EventWrite) throws -> Void
    ) {
        self.init(
            filter: filter, classifier: classifier, countsAtOnce: true, lists: lists,
            emit: { event, _ in try write(EventWrite(event)) }, write: write)
        if builder.writesLater { waiting = WaitingWrites(spoolFrom: spoolFrom) }
    }

    private init(
        filter: EventFilter, classifier: Classifier, countsAtOnce: Bool, lists: Incident.Lists,
        emit: @escaping (FailureEvent, Int) throws -> Void, write: ((EventWrite) throws -> Void)?
    ) {
        self.filter = filter
        grouper = IncidentGrouper(lists: lists)
        self.emit = emit
        self.write = write
        builder = EventBuilder(
            classifier: classifier, countsAtOnce: countsAtOnce && filter.since == nil, writesLater: write != nil)
    }

    mutating func add(_ record: LogRecord, classified: FailureEvent? = nil) throws {
        var final: [EventBuilder.Handed] = []
        let counting = builder.add(record, classified: classified) { final.append($0) }
        for handed in final { try settle(handed) }
        switch counting {
        case .none: break
        case .counted(let event, let sequence) where waiting != nil:
            // Counted now, written once final (`writeCounted`).
            let incident = try keep(event, sequence: sequence, emitting: false)
            let place = waiting?.hold(event, withText: incident != nil) ?? -1
            builder.countedAt(incident: incident.map { grouper.place(of: $0) } ?? -1, trace: place)
        case .counted(let event, let sequence):
            let (incident, trace) = try settleShim(event, sequence: sequence)
            builder.countedAt(incident: incident.map { grouper.place(of: $0) } ?? -1, trace: trace)
        case .tallied(let event, let suppressed, let extended):
            // Written later, it has no trace yet: it leaves it when written.
            if waiting == nil { merger.counted(trace: event.trace, sequence: event.sequence, count: event.count) }
            guard event.incident >= 0 else { return }
            let incident = grouper.key(at: event.incident)
            grouper.addTally(suppressed, extended: extended, to: incident, process: EventBuilder.TallyKey(record))
            totals.addFailures(suppressed, verdict: incident.verdict)
        }
    }

    /// The events still held, then watch's without a shim twin; the incidents.
    mutating func finish() throws -> [Incident] {
        // Each settled as it comes, not listed first: at the end of a log of
        // many processes that list held every event once more.
        var held = builder
        spoolInUse = held.spool
        builder = EventBuilder(
            classifier: held.classifier, holdLimit: held.holdLimit, shareFrom: held.shareFrom,
            spoolFrom: held.spoolFrom,
            countsAtOnce: held.countsAtOnce, writesLater: held.writesLater)
        try held.finish { try settle($0) }
        for (event, sequence, twin) in merger.finish() {
            guard let twin else {
                try keep(event, sequence: sequence)
                continue
            }
            // Watch counted more of the same calls than the shim's event
            // already written: the difference counts in its incident.
            let more = event.count - twin.count
            if more > 0, let incident = twin.incident {
                grouper.addFailures(more, to: incident)
                totals.addFailures(more, verdict: incident.verdict)
            }
        }
        return grouper.grouped
    }

    private mutating func settle(_ handed: EventBuilder.Handed) throws {
        switch handed {
        case .event(let event, let sequence): try settle(event, sequence: sequence)
        case .counted(let event): try writeCounted(event)
        }
    }

    /// A counted event final: watch's twins held now merged into it, as
    /// they would have been into it held whole (what they counted beyond it
    /// added to its incident), its trace left, its text written.
    private mutating func writeCounted(_ event: CountedEvent) throws {
        guard event.waiting >= 0, let taken = waiting?.take(event.waiting) else { return }
        if let failure = waiting?.spool.failure { throw failure }
        let incident = event.incident >= 0 ? grouper.key(at: event.incident) : nil
        let count = merger.absorbTwins(of: taken.shim, count: event.count)
        if count > event.count, let incident {
            grouper.addFailures(count - event.count, to: incident)
            totals.addFailures(count - event.count, verdict: incident.verdict)
        }
        merger.written(shim: taken.shim, count: count, sequence: event.sequence, incident: incident)
        if incident != nil, let text = taken.text {
            try write?(EventWrite(text: text, count: count, identity: taken.identity))
        }
    }

    private mutating func settle(_ event: FailureEvent, sequence: Int) throws {
        // A held event's text the spool could not give back: stop, rather
        // than write the event without it.
        if let failure = builder.spool.failure ?? spoolInUse?.failure { throw failure }
        if event.record.isFromWatch {
            merger.hold(watch: event, sequence: sequence)
            return
        }
        try settleShim(event, sequence: sequence)
    }

    /// The incident the shim event joined (nil: the filter left it out),
    /// and the place of its trace in the merger.
    @discardableResult
    private mutating func settleShim(_ event: FailureEvent, sequence: Int) throws -> (Incident.Key?, Int32) {
        var shim = event
        merger.absorbTwins(into: &shim)
        let incident = try keep(shim, sequence: sequence)
        return (incident, merger.written(shim: shim, sequence: sequence, incident: incident))
    }

    /// The incident the event joined, nil when the filter left it out.
    /// `emitting` false: written later (`writeCounted`).
    @discardableResult
    private mutating func keep(_ event: FailureEvent, sequence: Int, emitting: Bool = true) throws -> Incident.Key? {
        guard filter.includes(event) else { return nil }
        totals.add(event)
        let incident = grouper.add(event, sequence: sequence)
        if emitting { try emit(event, sequence) }
        return incident
    }
}
