/// What a report counts as its events pass: kept so that the summary does
/// not need the events themselves (a streamed report does not hold them).
struct ReportTotals: Sendable, Equatable {
    var events = 0
    /// Failures in all, the suppressed ones included.
    var failures = 0
    var failuresByVerdict: [VerdictID: Int] = [:]
    /// Distinct, unsorted; records without a host are left out.
    var hosts: Set<String> = []

    mutating func add(_ event: FailureEvent) {
        events += 1
        addFailures(event.count, verdict: event.verdict.id)
        if let host = event.host { hosts.insert(host) }
    }

    /// Failures without an event of their own (see `SourceMerger.finish`).
    mutating func addFailures(_ count: Int, verdict: VerdictID) {
        failures = failures.addingSaturated(count)
        failuresByVerdict[verdict] = failuresByVerdict[verdict, default: 0].addingSaturated(count)
    }
}
