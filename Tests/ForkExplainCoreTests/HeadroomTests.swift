import XCTest

@testable import ForkExplainCore

/// `forkexplain check`'s numbers and exit status, and the closest limits the
/// `unexplained` verdict shows: both come from Headroom.
final class HeadroomTests: XCTestCase {
    func testFoundingCaseIsCriticalOnHostPidMax() throws {
        let report = CheckReport(record: try Fixture.record("centos7-pid-max.jsonl"))
        let first = try XCTUnwrap(report.usages.first)
        XCTAssertEqual(first.limit, .pidMax)
        XCTAssertEqual(first.scope, "host")
        XCTAssertEqual(first.used, 32491)
        XCTAssertEqual(first.max, 32468, "measured against pid_max − 300, as the pid_max verdict is")
        XCTAssertEqual(report.level, .critical)
        XCTAssertEqual(report.exitStatus, 2)
    }

    func testCheckAndVerdictShareTheNearThreshold() {
        var record = LogRecord(type: .other("snapshot"))
        var pid = PIDSnapshot()
        pid.pidNs = PIDSnapshot.initialNamespace
        pid.pidMax = 32768
        for tasks: Int64 in [30_844, 30_845, 32_467, 32_468] {
            pid.hostTasks = tasks
            record.pid = pid
            let critical = CheckReport(record: record).level == .critical
            XCTAssertEqual(critical, PIDSpace.fill(tasks: tasks, pidMax: 32768) != .roomy, "\(tasks)")
        }
    }

    func testParentCgroupLevelIsListedWithItsPath() throws {
        let usages = Headroom.usages(of: try Fixture.record("cgroup-pids-parent.jsonl"))
        let pids = usages.filter { $0.limit == .cgroupPids }
        XCTAssertFalse(pids.isEmpty)
        XCTAssertTrue(pids.allSatisfy { $0.verdict == .cgroupPidsLimit })
        XCTAssertEqual(pids.first?.share, 1)
    }

    func testExitStatusThresholds() {
        var record = LogRecord(type: .other("snapshot"))
        var pid = PIDSnapshot()
        pid.pidNs = PIDSnapshot.initialNamespace
        pid.pidMax = 1300  // exhausted at 1000 (PIDSpace)
        for (tasks, status) in [(799, Int32(0)), (800, 1), (949, 1), (950, 2)] {
            pid.hostTasks = Int64(tasks)
            record.pid = pid
            XCTAssertEqual(CheckReport(record: record).exitStatus, status, "\(tasks) of 1000")
        }
    }

    func testExemptUidHasNoNprocLine() throws {
        var record = try Fixture.record("rlimit-nproc.jsonl")
        XCTAssertTrue(Headroom.usages(of: record).contains { $0.limit == .rlimitNPROC })
        record.limits?.nprocExempt = "root"
        XCTAssertFalse(Headroom.usages(of: record).contains { $0.limit == .rlimitNPROC })
    }

    func testCommitLimitCountsOnlyInStrictMode() throws {
        var record = try Fixture.record("commit-limit-mode2.jsonl")
        XCTAssertTrue(Headroom.usages(of: record).contains { $0.limit == .commit })
        record.memory?.overcommitMemory = 0
        XCTAssertFalse(Headroom.usages(of: record).contains { $0.limit == .commit })
    }

    func testDeadPidNamespaceIsFull() throws {
        let usages = Headroom.usages(of: try Fixture.record("pidns-init-dead.jsonl"))
        XCTAssertEqual(usages.first?.limit, .pidnsInit)
        XCTAssertEqual(usages.first?.share, 1)
    }

    func testCgroupV1UnlimitedMemoryIsNoLimit() throws {
        let data = Data(#"{"version":1,"path":"/","max_bytes":9223372036854771712,"current_bytes":5}"#.utf8)
        let level = try JSONDecoder().decode(MemoryCgroupLevel.self, from: data)
        XCTAssertEqual(level.maxBytes, .unlimited)
    }

    func testPrometheusGauges() throws {
        let report = CheckReport(record: try Fixture.record("centos7-pid-max.jsonl"))
        let text = CheckPrometheusRenderer().render(report)
        XCTAssertTrue(text.contains("# TYPE forkexplain_limit_ratio gauge\n"))
        XCTAssertTrue(
            text.contains("forkexplain_limit_max{limit=\"pid_max\",scope=\"host\",pid=\"31877\"} 32468\n"), text)
    }
}
