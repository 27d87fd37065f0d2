import Foundation

/// `forkexplain check` as text for a terminal, JSON for machines, or the
/// node_exporter textfile format for Prometheus.
public enum CheckRenderer {
    public static func text(_ report: CheckReport) -> String {
        let process = report.record.process
        var out =
            "forkexplain check: \(process?.comm ?? "?") (pid \(process?.pid.map(String.init) ?? "?"), uid \(process?.uid.map(String.init) ?? "?")) on \(report.record.host ?? "?"), kernel \(report.record.kernel ?? "?")\n"
        if report.usages.isEmpty {
            out += "  no limit could be read\n"
        }
        for usage in report.usages {
            let level = CheckReport.Level(share: usage.share)
            let mark = level == .ok ? "ok  " : level == .warning ? "WARN" : "CRIT"
            out += "  \(mark) \(usage.line)  [\(usage.source)]\n"
        }
        if let exempt = report.record.limits?.nprocExempt {
            out += "  --   RLIMIT_NPROC does not apply (\(exempt))\n"
        }
        if let unreadable = report.record.unreadable, !unreadable.isEmpty {
            out += "  could not read: \(unreadable.joined(separator: ", "))\n"
        }
        out +=
            "status: \(report.level.rawValue) (warning at \(Int(CheckReport.warningShare * 100)) %, critical at \(Int(CheckReport.criticalShare * 100)) %)\n"
        return out
    }

    public static func json(_ report: CheckReport) throws -> String {
        struct Output: Encodable {
            var schema = 1
            var status: CheckReport.Level
            var pid: Int?
            var comm: String?
            var host: String?
            var kernel: String?
            var limits: [LimitUsage]
            var nprocExempt: String?
            var unreadable: [String]?
        }
        let output = Output(
            status: report.level, pid: report.record.process?.pid, comm: report.record.process?.comm,
            host: report.record.host, kernel: report.record.kernel, limits: report.usages,
            nprocExempt: report.record.limits?.nprocExempt, unreadable: report.record.unreadable)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(output), as: UTF8.self) + "\n"
    }

    /// node_exporter's textfile collector: gauges labelled by limit and scope.
    public static func prometheus(_ report: CheckReport) -> String {
        let pid = report.record.process?.pid.map(String.init) ?? ""
        func labels(_ usage: LimitUsage) -> String {
            "limit=\"\(escape(usage.limit))\",scope=\"\(escape(usage.scope))\",pid=\"\(pid)\""
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
