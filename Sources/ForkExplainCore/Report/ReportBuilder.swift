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
    /// `jsonEvents`: the events are for `JSONReportWriter`; each one's text
    /// is made where it is classified, on every core, and it is held
    /// compact (`FailureEvent.compactForJSON`).
    public func stream(
        from sources: [LogSource], jsonEvents: Bool = false, event: @escaping (FailureEvent, Int) throws -> Void
    ) throws -> Report {
        let classifier = Classifier()
        var stream = ReportStream(filter: filter, classifier: classifier, emit: event)
        var files: [LogFileSummary] = []
        let prepare = { @Sendable (record: LogRecord) -> FailureEvent? in
            let event = EventBuilder.classified(record, by: classifier)
            return jsonEvents ? event?.compactForJSON() : event
        }
        for source in sources {
            let summary = try reader.read(source, prepare: prepare) {
                try stream.add($0, classified: $1)
            }
            files.append(summary)
        }
        let incidents = try stream.finish()
        return Report(events: [], incidents: incidents, files: files, totals: stream.totals)
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
