/// What a report holds at a glance, for its first line: how many failures,
/// under which verdicts, on which hosts.
struct ReportSummary: Sendable, Equatable, Encodable {
    struct VerdictCount: Sendable, Equatable, Encodable {
        var verdict: String
        var failures: Int
    }

    var failures: Int
    var incidents: Int
    /// Most failures first; ties in the order of the stable identifiers.
    var verdicts: [VerdictCount]
    /// Sorted; records without a host are left out.
    var hosts: [String]

    init(_ report: Report) {
        failures = report.totals.failures
        incidents = report.incidents.count
        let order = VerdictID.allCases
        verdicts = report.totals.failuresByVerdict.sorted {
            $0.value != $1.value
                ? $0.value > $1.value
                : (order.firstIndex(of: $0.key) ?? 0) < (order.firstIndex(of: $1.key) ?? 0)
        }.map { VerdictCount(verdict: $0.key.rawValue, failures: $0.value) }
        hosts = report.totals.hosts.sorted()
    }

    /// `153 failures in 2 incidents: pid_max 150, cgroup_pids_limit 3; hosts app-3, node-4`
    var line: String {
        var line = "\(IncidentText.failures(failures)) in \(incidents) incident\(incidents == 1 ? "" : "s")"
        line += ": " + verdicts.map { "\($0.verdict) \($0.failures)" }.joined(separator: ", ")
        if !hosts.isEmpty {
            line += "; host\(hosts.count == 1 ? "" : "s") " + IncidentText.list(hosts, limit: 5)
        }
        return line
    }
}
