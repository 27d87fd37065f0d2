import Foundation

/// The Prometheus text exposition format (version 0.0.4), as node_exporter's
/// textfile collector reads it: each family once, with HELP and TYPE, then
/// its samples.
struct PrometheusText {
    enum Kind: String {
        case gauge, counter
    }

    private(set) var text = ""

    /// One family; families without a sample are left out, as the format
    /// allows, so that a limit this kernel lacks is absent rather than 0.
    mutating func family(_ name: String, _ kind: Kind, _ help: String, _ samples: [([(String, String)], Double)]) {
        guard !samples.isEmpty else { return }
        text += "# HELP \(name) \(Self.escapeHelp(help))\n# TYPE \(name) \(kind.rawValue)\n"
        for (labels, value) in samples {
            let set = labels.map { "\($0.0)=\"\(Self.escapeLabel($0.1))\"" }.joined(separator: ",")
            text += set.isEmpty ? "\(name) \(Self.format(value))\n" : "\(name){\(set)} \(Self.format(value))\n"
        }
    }

    /// Integers as integers (exact up to 2^53), +Inf for "no limit".
    static func format(_ value: Double) -> String {
        if value == .infinity { return "+Inf" }
        if value == -.infinity { return "-Inf" }
        if value.isNaN { return "NaN" }
        if value == value.rounded(), abs(value) < 9.0e15 { return String(Int64(value)) }
        return String(format: "%.6g", value)
    }

    static func escapeLabel(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func escapeHelp(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }
}
