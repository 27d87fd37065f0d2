import XCTest

@testable import ForkExplainCore

/// `check`'s plugin line, Prometheus names and preflight (docs/monitoring.md).
final class MonitoringRenderingTests: XCTestCase {
    /// A service in a pids cgroup two levels down: 8 of 10 tasks, one
    /// refusal counted; its parent unlimited; the root with no files.
    private func serviceRecord() -> LogRecord {
        var record = LogRecord(type: .other("snapshot"))
        record.kernel = "6.18.0"
        var pid = PIDSnapshot()
        pid.pidNs = PIDSnapshot.initialNamespace
        pid.pidMax = 32768
        pid.hostTasks = 400
        pid.hostLowTasks = 60
        pid.threadsMax = 100_000
        record.pid = pid
        var own = PIDsCgroupLevel(
            version: 2, path: "/system.slice/app.service", dir: "/sys/fs/cgroup/system.slice/app.service")
        own.max = .value(10)
        own.current = 8
        own.peak = 9
        own.eventsMax = 1
        own.eventsMaxLocal = 1
        var parent = PIDsCgroupLevel(version: 2, path: "/system.slice", dir: "/sys/fs/cgroup/system.slice")
        parent.max = .unlimited
        parent.current = 120
        parent.eventsMax = 1
        parent.eventsMaxLocal = 0
        let root = PIDsCgroupLevel(version: 2, path: "/", dir: "/sys/fs/cgroup")
        record.cgroups = CgroupsSnapshot(pids: [own, parent, root])
        var limits = LimitsSnapshot()
        limits.nproc = RLimit(soft: .value(50))
        limits.uidTasks = 9
        record.limits = limits
        var process = ProcessSnapshot()
        process.pid = 4242
        process.uid = 998
        record.process = process
        return record
    }

    func testPluginLineNamesTheFullestLimitWithBoundedPerfdata() {
        let report = CheckReport(record: serviceRecord())
        XCTAssertEqual(report.exitStatus, 1)
        let first = CheckTextRenderer().render(report).split(separator: "\n").first.map(String.init) ?? ""
        XCTAssertTrue(
            first.hasPrefix("FORKEXPLAIN WARNING - fullest: pids.max /system.slice/app.service: 8 of 10 (80 %) | "),
            first)
        // 80 % of 10 is 8: a plugin threshold alerts above it, so 7; 95 % is 9.5: 9.
        XCTAssertTrue(first.contains(" | cgroup_pids_depth2=8;7;9;0;10 "), first)
        XCTAssertTrue(first.contains(" pid_max_host=400;"), first)
        XCTAssertTrue(first.contains(" rlimit_nproc_uid=9;39;47;0;50"), first)
        XCTAssertFalse(first.split(separator: "|")[1].contains("/"), "no path in perfdata")
    }

    /// The perfdata thresholds and the status come from one comparison.
    func testPerfdataThresholdsAgreeWithTheLevels() {
        for max: Int64 in [1, 2, 7, 10, 20, 100, 1000, 32468] {
            var record = LogRecord(type: .other("snapshot"))
            var limits = LimitsSnapshot()
            limits.nproc = RLimit(soft: .value(max))
            record.limits = limits
            record.process = ProcessSnapshot()
            for used in 0...max {
                record.limits?.uidTasks = used
                let report = CheckReport(record: record)
                let line = CheckTextRenderer().render(report).split(separator: "\n")[0]
                let datum = line.split(separator: "=").last?.split(separator: ";").map { Int64($0) ?? -1 } ?? []
                XCTAssertEqual(datum.count, 5, String(line))
                let (warn, crit) = (datum[1], datum[2])
                let expected: Int32 = used > crit ? 2 : used > warn ? 1 : 0
                XCTAssertEqual(report.exitStatus, expected, "\(used) of \(max): \(line)")
            }
        }
    }

    func testPrometheusNamesUnitsAndBoundedLabels() {
        let text = CheckPrometheusRenderer().render(CheckReport(record: serviceRecord()))
        let expected = [
            "# TYPE forkexplain_check_status gauge\nforkexplain_check_status 1\n",
            "forkexplain_limit_usage_ratio{limit=\"cgroup_pids\",place=\"cgroup\",depth=\"2\"} 0.8\n",
            "forkexplain_tasks{limit=\"cgroup_pids\",place=\"cgroup\",depth=\"2\"} 8\n",
            "forkexplain_tasks_limit{limit=\"cgroup_pids\",place=\"cgroup\",depth=\"2\"} 10\n",
            "forkexplain_tasks_limit{limit=\"pid_max\",place=\"host\"} 32528\n",
            "forkexplain_tasks{limit=\"rlimit_nproc\",place=\"uid\"} 9\n",
            "forkexplain_cgroup_pids_current{depth=\"2\"} 8\nforkexplain_cgroup_pids_current{depth=\"1\"} 120\n",
            "forkexplain_cgroup_pids_limit{depth=\"2\"} 10\nforkexplain_cgroup_pids_limit{depth=\"1\"} +Inf\n",
            "# TYPE forkexplain_cgroup_pids_peak gauge\nforkexplain_cgroup_pids_peak{depth=\"2\"} 9\n",
            "# TYPE forkexplain_cgroup_pids_max_events_total counter\nforkexplain_cgroup_pids_max_events_total{depth=\"2\"} 1\nforkexplain_cgroup_pids_max_events_total{depth=\"1\"} 1\n",
            "# TYPE forkexplain_cgroup_pids_max_events_local_total counter\nforkexplain_cgroup_pids_max_events_local_total{depth=\"2\"} 1\nforkexplain_cgroup_pids_max_events_local_total{depth=\"1\"} 0\n",
        ]
        for piece in expected {
            XCTAssertTrue(text.contains(piece), "missing:\n\(piece)\nin:\n\(text)")
        }
        XCTAssertFalse(text.contains("depth=\"0\""), "the root has no pids files")
        XCTAssertFalse(text.contains("/system.slice"), "no path as a label")
        XCTAssertFalse(text.contains("4242"), "no pid")
        // Every family once, with HELP and TYPE before its samples.
        var seen: Set<String> = []
        var declared: String?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# HELP ") {
                let name = String(line.split(separator: " ")[2])
                XCTAssertTrue(seen.insert(name).inserted, "\(name) twice")
                XCTAssertTrue(name.hasPrefix("forkexplain_"))
            } else if line.hasPrefix("# TYPE ") {
                declared = String(line.split(separator: " ")[2])
                if line.hasSuffix(" counter") { XCTAssertTrue(declared?.hasSuffix("_total") == true, String(line)) }
            } else {
                let name = line.prefix { $0 != "{" && $0 != " " }
                XCTAssertEqual(String(name), declared, String(line))
            }
        }
    }

    func testUnknownTextfileSaysOnlyUnknown() {
        XCTAssertEqual(
            CheckPrometheusRenderer.unknown(),
            "# HELP forkexplain_check_status The check's monitoring-plugin status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.\n# TYPE forkexplain_check_status gauge\nforkexplain_check_status 3\n"
        )
        XCTAssertEqual(CheckPluginLine.unknown("no process 7\nx"), "FORKEXPLAIN UNKNOWN - no process 7\\x0Ax")
    }

    func testPreflightNamesTheTightestLimitOnTasks() {
        let record = serviceRecord()
        var report = CheckReport(record: record, preflight: Preflight(kind: .threads, needed: 3))
        XCTAssertEqual(report.exitStatus, 2)
        XCTAssertEqual(report.rooms.first?.room, 2)
        XCTAssertEqual(report.rooms.first?.usage.limit, .cgroupPids)
        var first = CheckTextRenderer().render(report).split(separator: "\n")[0]
        XCTAssertTrue(
            first.hasPrefix(
                "FORKEXPLAIN CRITICAL - room for 2 more threads, 3 needed: pids.max /system.slice/app.service (8 of 10 used) | "
            ), String(first))
        report = CheckReport(record: record, preflight: Preflight(kind: .processes, needed: 2))
        XCTAssertEqual(report.exitStatus, 0, "2 more fit: the status is the preflight's, not the 80 % warning")
        first = CheckTextRenderer().render(report).split(separator: "\n")[0]
        XCTAssertTrue(
            first.hasPrefix("FORKEXPLAIN OK - room for 2 more processes, 2 needed; tightest: "), String(first))
        // Memory limits are not a preflight's: only limits on tasks count.
        XCTAssertTrue(report.rooms.allSatisfy { $0.usage.unit == .tasks })
        XCTAssertEqual(Set(report.rooms.map(\.usage.limit)), [.cgroupPids, .rlimitNPROC, .pidMax, .threadsMax])
    }

    /// A PID namespace for children whose init has exited refuses
    /// processes; threads are made in the caller's own namespace.
    func testDeadChildNamespaceBindsProcessesOnly() throws {
        let record = try Fixture.record("pidns-init-dead.jsonl")
        let processes = CheckReport(record: record, preflight: Preflight(kind: .processes, needed: 1))
        XCTAssertEqual(processes.exitStatus, 2)
        XCTAssertEqual(processes.rooms.first?.usage.limit, .pidnsInit)
        let threads = CheckReport(record: record, preflight: Preflight(kind: .threads, needed: 1))
        XCTAssertFalse(threads.rooms.contains { $0.usage.limit == .pidnsInit })
        XCTAssertEqual(threads.exitStatus, 0)
    }
}
