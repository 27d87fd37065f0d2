/// Everything a renderer shows: the events that passed the filter, their
/// incidents, and what reading the logs found.
public struct Report: Sendable {
    public var events: [FailureEvent]
    var incidents: [Incident]
    public var files: [LogFileSummary]

    init(events: [FailureEvent], incidents: [Incident], files: [LogFileSummary]) {
        self.events = events
        self.incidents = incidents
        self.files = files
    }

    var skippedLines: Int { files.reduce(0) { $0.addingSaturated($1.skippedLines) } }
    var newerSchemaSeen: Bool { files.contains { $0.newerSchemaSeen } }
    /// Failures in all, the suppressed ones included.
    var failureCount: Int { events.reduce(0) { $0.addingSaturated($1.count) } }
}
