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
        for source in sources {
            files.append(try reader.read(source) { builder.add($0) })
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
