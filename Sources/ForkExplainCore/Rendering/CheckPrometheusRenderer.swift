import Foundation

/// `forkexplain check --format prometheus` and `--textfile-dir`: the
/// node_exporter textfile. Names and units follow Prometheus's conventions
/// (the `forkexplain_` prefix, base units, `_total` for counters); every
/// label value comes from a bounded set — a limit's kind, where it applies,
/// a cgroup level's depth — never a pid, a path or an inode, which would
/// make a new series for every process or container (docs/monitoring.md).
public struct CheckPrometheusRenderer: Renderer {
    public typealias Subject = CheckReport

    public init() {}

    public func render(_ report: CheckReport) -> String {
        var out = PrometheusText()
        Self.status(&out, report.level.status)
        let rows = report.usages
        func labels(_ usage: LimitUsage) -> [(String, String)] {
            var set = [("limit", usage.limit.rawValue), ("place", usage.place)]
            if let depth = usage.depth { set.append(("depth", String(depth))) }
            return set
        }
        func samples(_ unit: LimitUnit, _ value: (LimitUsage) -> Int64) -> [([(String, String)], Double)] {
            rows.filter { $0.unit == unit }.map { (labels($0), Double(value($0))) }
        }
        out.family(
            "forkexplain_limit_usage_ratio", .gauge,
            "How much of a limit that can stop process or thread creation is used (0-1); check warns at 0.8 and is critical at 0.95.",
            rows.map { (labels($0), $0.share) })
        // Each unit its own pair of families: a metric has one unit.
        let pairs: [(LimitUnit, String, String, String, String)] = [
            (
                .tasks, "forkexplain_tasks", "Tasks (threads included) counted against a limit on tasks.",
                "forkexplain_tasks_limit",
                "The tasks a limit allows (for pid_max: what the PID namespace can hold, pid_max - 300 plus the tasks below 300)."
            ),
            (
                .bytes, "forkexplain_memory_bytes", "Bytes counted against a limit on memory.",
                "forkexplain_memory_limit_bytes", "The bytes a limit on memory allows."
            ),
            (
                .mappings, "forkexplain_mappings", "Memory mappings of the process (vm.max_map_count counts them).",
                "forkexplain_mappings_limit", "vm.max_map_count."
            ),
        ]
        for (unit, used, usedHelp, limit, limitHelp) in pairs {
            out.family(used, .gauge, usedHelp, samples(unit) { $0.used })
            out.family(limit, .gauge, limitHelp, samples(unit) { $0.max })
        }
        Self.pidsLevels(&out, report.record.cgroups?.pids ?? [])
        return out.text
    }

    /// What a check that could not tell writes, so that a stale file does
    /// not pass for a fresh answer.
    public static func unknown() -> String {
        var out = PrometheusText()
        status(&out, CheckReport.Level.unknown.status)
        return out.text
    }

    private static func status(_ out: inout PrometheusText, _ status: Int32) {
        out.family(
            "forkexplain_check_status", .gauge,
            "The check's monitoring-plugin status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.",
            [([], Double(status))])
    }

    /// Every pids cgroup level the process can see, limited or not.
    private static func pidsLevels(_ out: inout PrometheusText, _ levels: [PIDsCgroupLevel]) {
        let placed = levels.compactMap { level in CgroupDepth.of(level.path).map { ([("depth", String($0))], level) } }
        func samples(_ value: (PIDsCgroupLevel) -> Double?) -> [([(String, String)], Double)] {
            placed.compactMap { labels, level in value(level).map { (labels, $0) } }
        }
        out.family(
            "forkexplain_cgroup_pids_current", .gauge,
            "pids.current of each pids cgroup level, by depth below the visible root.",
            samples { $0.current.map(Double.init) })
        out.family(
            "forkexplain_cgroup_pids_limit", .gauge, "pids.max of each pids cgroup level (+Inf for max).",
            samples { level in
                switch level.max {
                case .value(let value)?: Double(value)
                case .unlimited?: .infinity
                case nil: nil
                }
            })
        out.family(
            "forkexplain_cgroup_pids_peak", .gauge, "pids.peak: the most tasks the level has held (Linux 6.1+).",
            samples { $0.peak.map(Double.init) })
        out.family(
            "forkexplain_cgroup_pids_max_events_total", .counter,
            "pids.events max: forks refused at this level or below (what it counts depends on the kernel and mount, see docs/kernel-facts.md).",
            samples { $0.eventsMax.map(Double.init) })
        out.family(
            "forkexplain_cgroup_pids_max_events_local_total", .counter,
            "pids.events.local max (cgroup v2, Linux 6.11+): forks refused by this level's own limit.",
            samples { $0.eventsMaxLocal.map(Double.init) })
    }
}
