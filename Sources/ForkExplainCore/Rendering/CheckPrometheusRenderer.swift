import Foundation

/// `forkexplain check --format prometheus`: node_exporter's textfile format.
public struct CheckPrometheusRenderer: Renderer {
    public typealias Subject = CheckReport

    public init() {}

    /// node_exporter's textfile collector: gauges labelled by limit and scope.
    public func render(_ report: CheckReport) -> String {
        let pid = report.record.process?.pid.map(String.init) ?? ""
        func labels(_ usage: LimitUsage) -> String {
            "limit=\"\(Self.escape(usage.limit.rawValue))\",scope=\"\(Self.escape(usage.scope))\",pid=\"\(pid)\""
        }
        var out = ""
        let gauges: [(String, String, (LimitUsage) -> String)] = [
            (
                "forkexplain_limit_used", "In use of a limit that can stop process or thread creation.",
                { String($0.used) }
            ),
            ("forkexplain_limit_max", "The limit itself.", { String($0.max) }),
            ("forkexplain_limit_ratio", "used / max.", { String(format: "%.4f", $0.share) }),
        ]
        for (name, help, value) in gauges {
            out += "# HELP \(name) \(help)\n# TYPE \(name) gauge\n"
            for usage in report.usages {
                out += "\(name){\(labels(usage))} \(value(usage))\n"
            }
        }
        return out
    }

    private static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
