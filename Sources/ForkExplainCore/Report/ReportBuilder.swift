/// The whole pipeline: read the logs, classify, filter, group.
public struct ReportBuilder: Sendable {
    var filter: EventFilter
    var reader: LogReader

    public init(filter: EventFilter = EventFilter(), reader: LogReader = LogReader()) {
        self.filter = filter
        self.reader = reader
    }

    /// Throws `LogReadError` for the first log that cannot be read.
    public func build(from sources: [LogSource]) throws -> Report {
        var builder = EventBuilder()
        var files: [LogFileSummary] = []
        let classifier = Classifier()
        for source in sources {
            let summary = try reader.read(source, prepare: { EventBuilder.classified($0, by: classifier) }) {
                builder.add($0, classified: $1)
            }
            files.append(summary)
        }
        return report(builder.events, files: files)
    }

    /// For records already in memory (tests, other front ends).
    func build(records: [LogRecord], files: [LogFileSummary] = []) -> Report {
        var builder = EventBuilder()
        records.forEach { builder.add($0) }
        return report(builder.events, files: files)
    }

    private func report(_ events: [FailureEvent], files: [LogFileSummary]) -> Report {
        let kept = SourceMerger.merge(events).filter(filter.includes)
        return Report(events: kept, incidents: IncidentGrouper.group(kept), files: files)
    }
}
