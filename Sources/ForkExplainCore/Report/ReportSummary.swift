/// What a report holds at a glance, for its first line: how many failures,
/// under which verdicts, on which hosts.
struct ReportSummary: Sendable, Equatable, Encodable {
    struct VerdictCount: Sendable, Equatable, Encodable {
        var verdict: String
        var failures: Int
    }

    /// Records that came in a log pipeline's envelope, of one kind.
    struct EnvelopeCount: Sendable, Equatable, Encodable {
        var envelope: String
        var records: Int
    }

    var failures: Int
    var incidents: Int
    /// Most failures first; ties in the order of the stable identifiers.
    var verdicts: [VerdictCount]
    /// Sorted; records without a host are left out.
    var hosts: [String]
    /// By kind, in `EnvelopeKind` order; empty for bare records.
    var envelopes: [EnvelopeCount]

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
        var byKind: [EnvelopeKind: Int] = [:]
        for file in report.files {
            byKind.merge(file.envelopeRecords) { $0.addingSaturated($1) }
        }
        envelopes = byKind.sorted { $0.key < $1.key }.map {
            EnvelopeCount(envelope: $0.key.rawValue, records: $0.value)
        }
    }

    /// `153 failures in 2 incidents: pid_max 150, cgroup_pids_limit 3; hosts app-3, node-4`,
    /// then, for records that came in envelopes, `; records from Loki 40, Docker json-file 2`
    var line: String {
        var line = "\(IncidentText.failures(failures)) in \(incidents) incident\(incidents == 1 ? "" : "s")"
        line += ": " + verdicts.map { "\($0.verdict) \($0.failures)" }.joined(separator: ", ")
        if !hosts.isEmpty {
            line += "; host\(hosts.count == 1 ? "" : "s") " + IncidentText.list(hosts, limit: 5)
        }
        if !envelopes.isEmpty {
            line +=
                "; records from " + envelopes.map { "\(Self.title($0.envelope)) \($0.records)" }.joined(separator: ", ")
        }
        return line
    }

    private static func title(_ envelope: String) -> String {
        EnvelopeKind(rawValue: envelope)?.title ?? envelope
    }
}
