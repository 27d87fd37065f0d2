import Foundation

/// The first line of `forkexplain check`, as a monitoring plugin prints it
/// (monitoring-plugins guidelines): `FORKEXPLAIN STATUS - summary | perfdata`.
/// Nagios, Icinga and NRPE show the text and graph the performance data.
public enum CheckPluginLine {
    /// The line for a check that could not tell (exit 3).
    public static func unknown(_ message: String) -> String {
        "FORKEXPLAIN UNKNOWN - \(oneLine(message))"
    }

    static func line(_ report: CheckReport) -> String {
        let perfdata = report.usages.map(perfdatum).joined(separator: " ")
        let text = "FORKEXPLAIN \(report.outcome.word) - \(summary(report))"
        return perfdata.isEmpty ? text : "\(text) | \(perfdata)"
    }

    private static func summary(_ report: CheckReport) -> String {
        if let preflight = report.preflight {
            guard let tightest = report.rooms.first else {
                return
                    "no limit on \(preflight.kind.rawValue) could be read: the room for \(preflight.needed) more is unknown"
            }
            let room = "room for \(tightest.room) more \(preflight.kind.rawValue), \(preflight.needed) needed"
            let limit = "\(tightest.usage.label) (\(tightest.usage.used) of \(tightest.usage.max) used)"
            if report.outcome == .unknown {
                let why =
                    report.uncounted.isEmpty
                    ? "in \(report.guest?.name ?? "this VM") the figures read are not the ones that refuse"
                    : uncounted(report)
                return oneLine("\(why); \(room) of those counted: \(limit)")
            }
            return oneLine(tightest.room < preflight.needed ? "\(room): \(limit)" : "\(room); tightest: \(limit)")
        }
        if report.level == .unknown {
            let fullest = report.usages.first.map { "; fullest counted: \($0.line)" } ?? ""
            if report.uncounted.isEmpty, let guest = report.guest {
                return oneLine("in \(guest.name) the figures read are not the ones that refuse\(fullest)")
            }
            return oneLine(uncounted(report) + fullest)
        }
        guard let fullest = report.usages.first else { return "no limit could be read" }
        let state = report.level == .ok ? "every limit below \(Int(CheckReport.warningShare * 100)) %" : "fullest"
        return oneLine("\(state): \(fullest.line)")
    }

    /// `not counted: A, B: why; C: why`: limits of one reason together.
    private static func uncounted(_ report: CheckReport) -> String {
        let parts = report.uncountedReasons.map { reason in
            let labels = report.uncounted.filter { $0.reason == reason }.map(\.label)
            return "\(labels.joined(separator: ", ")): \(reason)"
        }
        return "not counted: " + parts.joined(separator: "; ")
    }

    /// `cgroup_pids_depth2=8;7;9;0;10`: a bounded label (never a path or a
    /// pid), the value with its unit, the warning and critical thresholds,
    /// the minimum and the maximum. A plugin threshold N alerts above N, so
    /// each is the largest value still below its share.
    private static func perfdatum(_ usage: LimitUsage) -> String {
        let unit = usage.unit == .bytes ? "B" : ""
        let warn = threshold(usage.max, CheckReport.warningShare)
        let crit = threshold(usage.max, CheckReport.criticalShare)
        return "\(usage.metricKey)=\(usage.used)\(unit);\(warn);\(crit);0;\(usage.max)"
    }

    /// The largest value whose share is below `share`, by the very
    /// comparison CheckReport.Level makes, so that the two never disagree.
    private static func threshold(_ max: Int64, _ share: Double) -> Int64 {
        guard max > 0 else { return 0 }
        let estimate = (Double(max) * share).rounded(.down)
        guard estimate < 9.0e18 else { return max }
        var value = Int64(estimate)
        while value > 0, Double(value) / Double(max) >= share { value -= 1 }
        while value < max, Double(value + 1) / Double(max) < share { value += 1 }
        return value
    }

    /// Plugin output is one line; the text after `|` is performance data.
    private static func oneLine(_ text: String) -> String {
        text.escapingControls.replacingOccurrences(of: "|", with: "/")
    }
}

extension LimitUsage {
    /// A name for this limit from a bounded set: `pid_max_host`,
    /// `rlimit_nproc_uid`, `cgroup_pids_depth2` (docs/monitoring.md).
    var metricKey: String {
        if let depth, limit == .cgroupPids || limit == .cgroupMemory { return "\(limit.rawValue)_depth\(depth)" }
        return "\(limit.rawValue)_\(place)"
    }
}
