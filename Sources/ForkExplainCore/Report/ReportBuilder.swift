/// The whole pipeline: read the logs, classify, filter, group.
public struct ReportBuilder: Sendable {
    var filter: EventFilter
    var reader: LogReader

    public init(filter: EventFilter = EventFilter(), reader: LogReader = LogReader()) {
        self.filter = filter
        self.reader = reader
    }

    /// A report with its events, in log order. Throws `LogReadError` for
    /// the first log that cannot be read.
    public func build(from sources: [LogSource]) throws -> Report {
        var events: [(FailureEvent, Int)] = []
        let report = try stream(from: sources) { events.append(($0, $1)) }
        return Self.ordered(report, events)
    }

    /// The same without holding the events: each goes to `event` once no
    /// later record can change it, with its place in the log (a process's
    /// events come in order, different processes' not). For logs of any
    /// size: what is held grows with incidents and processes, not records.
    /// `held`: the report the events are for, which says what of each is
    /// held until it is final (`HeldForm`).
    public func stream(
        from sources: [LogSource], held: HeldForm = .whole, event: @escaping (FailureEvent, Int) throws -> Void
    ) throws -> Report {
        try stream(from: sources, held: held) { classifier in
            ReportStream(
                filter: filter, classifier: classifier, countsAtOnce: held.showsIncidentsOnly, lists: held.lists,
                emit: event)
        }
    }

    private func stream(
        from sources: [LogSource], held: HeldForm, making: (Classifier) -> ReportStream
    ) throws -> Report {
        let classifier = Classifier()
        var stream = making(classifier)
        var files: [LogFileSummary] = []
        let prepare = { @Sendable (record: LogRecord) -> FailureEvent? in
            EventBuilder.classified(record, by: classifier).map(held.compact)
        }
        var notLogs: [String] = []
        for source in sources {
            do {
                let summary = try reader.read(source, prepare: prepare, slim: EventBuilder.slim) {
                    try stream.add($0, classified: $1)
                }
                files.append(summary)
            } catch LogReadError.notALog(let path) where source.foundInDirectory {
                // Not a record in it: nothing of it reached the stream.
                notLogs.append(path)
            }
        }
        // A directory of nothing but other programs' files is an error still.
        if files.isEmpty, let path = notLogs.first { throw LogReadError.notALog(path: path) }
        let incidents = try stream.finish()
        var report = Report(events: [], incidents: incidents, files: files, totals: stream.totals)
        report.notLogs = notLogs
        return report
    }

    /// The JSON report's events streamed: `write` gets each event's text
    /// and final count in the order `stream(held: .json)` hands the events
    /// on, and of a shim event only a `WaitingWrite` is held until it is
    /// final, not the event (docs/performance.md, "Held events: JSON
    /// written later, its events small").
    public func streamJSON(from sources: [LogSource], write: @escaping (EventWrite) throws -> Void) throws -> Report {
        try stream(from: sources, held: .json) { classifier in
            ReportStream(filter: filter, classifier: classifier, lists: HeldForm.json.lists, write: write)
        }
    }

    /// For records already in memory (tests, other front ends).
    func build(records: [LogRecord], files: [LogFileSummary] = []) -> Report {
        var events: [(FailureEvent, Int)] = []
        var stream = ReportStream(filter: filter) { events.append(($0, $1)) }
        // The closure above does not throw.
        records.forEach { try? stream.add($0) }
        let incidents = (try? stream.finish()) ?? []
        return Self.ordered(Report(events: [], incidents: incidents, files: files, totals: stream.totals), events)
    }

    private static func ordered(_ report: Report, _ events: [(FailureEvent, Int)]) -> Report {
        var report = report
        report.events = events.sorted { $0.1 < $1.1 }.map(\.0)
        return report
    }
}
