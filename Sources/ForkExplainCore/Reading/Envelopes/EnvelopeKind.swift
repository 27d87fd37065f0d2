/// What wrapped a record on its way back from a log pipeline
/// (docs/shipping.md, "What report - unwraps"): the outermost wrapper is
/// the one named, so a Vector document inside a Loki response counts as Loki.
public enum EnvelopeKind: String, Sendable, Hashable, CaseIterable, Comparable, Encodable {
    case docker = "docker-json-file"
    case cri
    case kubectl = "kubectl-logs"
    case journald
    case vector
    case fluentBit = "fluent-bit"
    case messageField = "json-message"
    case rsyslog
    case parsed = "parsed-by-shipper"
    case loki
    case elasticsearch
    case textPrefix = "text-prefix"

    /// How the report's summary line names it.
    var title: String {
        switch self {
        case .docker: return "Docker json-file"
        case .cri: return "CRI (containerd, CRI-O)"
        case .kubectl: return "kubectl logs"
        case .journald: return "journald JSON"
        case .vector: return "Vector"
        case .fluentBit: return "Fluent Bit"
        case .messageField: return "JSON message"
        case .rsyslog: return "rsyslog JSON"
        case .parsed: return "parsed by a shipper"
        case .loki: return "Loki"
        case .elasticsearch: return "Elasticsearch"
        case .textPrefix: return "syslog-style prefix"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}
