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
        self.filter = filter
        grouper = IncidentGrouper(lists: lists)
        self.emit = emit
        builder = EventBuilder(classifier: classifier, countsAtOnce: countsAtOnce && filter.since == nil)
    }

    mutating func add(_ record: LogRecord, classified: FailureEvent? = nil) throws {
        var final: [(FailureEvent, Int)] = []
        let counting = builder.add(record, classified: classified) { final.append(($0, $1)) }
        for (event, sequence) in final { try settle(event, sequence: sequence) }
        switch counting {
        case .none: break
        case .counted(let event, let sequence):
            let (incident, trace) = try settleShim(event, sequence: sequence)
            builder.countedAt(incident: incident.map { grouper.place(of: $0) } ?? -1, trace: trace)
        case .tallied(let event, let suppressed, let extended):
            merger.counted(trace: event.trace, sequence: event.sequence, count: event.count)
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
            countsAtOnce: held.countsAtOnce)
        try held.finish { try settle($0, sequence: $1) }
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
    @discardableResult
    private mutating func keep(_ event: FailureEvent, sequence: Int) throws -> Incident.Key? {
        guard filter.includes(event) else { return nil }
        totals.add(event)
        let incident = grouper.add(event, sequence: sequence)
        try emit(event, sequence)
        return incident
    }
}
