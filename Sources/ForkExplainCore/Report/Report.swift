/// Everything a renderer shows: the events that passed the filter (none
/// when they were streamed, see `ReportBuilder.stream`), their incidents,
/// their totals, and what reading the logs found.
public struct Report: Sendable {
    /// In log order.
    public var events: [FailureEvent]
    var incidents: [Incident]
    public var files: [LogFileSummary]
    /// Files found in a directory that were not forkexplain logs, passed
    /// over (`LogSource.foundInDirectory`).
    public var notLogs: [String] = []
    var totals: ReportTotals

    init(events: [FailureEvent], incidents: [Incident], files: [LogFileSummary], totals: ReportTotals) {
        self.events = events
        self.incidents = incidents
        self.files = files
        self.totals = totals
    }

    var skippedLines: Int { files.reduce(0) { $0.addingSaturated($1.skippedLines) } }
    /// Lines that were not records and did not try to be (a program's output).
    var otherLines: Int { files.reduce(0) { $0.addingSaturated($1.otherLines) } }
    var newerSchemaSeen: Bool { files.contains { $0.newerSchemaSeen } }
    /// Failures in all, the suppressed ones included.
    var failureCount: Int { totals.failures }
    /// Events in all, streamed or held.
    public var eventCount: Int { totals.events }
}
