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
        XCTAssertEqual(
            first.max, 32468, "the log has no count of tasks below 300: pid_max − 300, the least it can hold")
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
            XCTAssertEqual(critical, PIDSpace.fill(tasks: tasks, pidMax: 32768, lowTasks: nil) != .roomy, "\(tasks)")
        }
    }

    /// Issue 6's case: a namespace with pid_max 400 whose first 386 tasks
    /// live holds PIDs 1–386; 299 of them are below 300 and take none of
    /// the 100 numbers 300–399, so 13 remain: 386 of 399, not "386 of 100".
    func testTasksBelow300AddToWhatANamespaceHolds() {
        XCTAssertEqual(PIDSpace.capacity(pidMax: 400, lowTasks: 299), 399)
        XCTAssertEqual(PIDSpace.capacity(pidMax: 400, lowTasks: nil), 100)
        XCTAssertEqual(PIDSpace.capacity(pidMax: 400, lowTasks: 5000), 399, "at most 299 numbers lie below 300")
        XCTAssertEqual(PIDSpace.capacity(pidMax: .min, lowTasks: .max), 300, "forged values saturate")
        XCTAssertEqual(PIDSpace.fill(tasks: 386, pidMax: 400, lowTasks: 299), .near)
        XCTAssertEqual(PIDSpace.fill(tasks: 399, pidMax: 400, lowTasks: 299), .exhausted)
        XCTAssertEqual(PIDSpace.fill(tasks: 386, pidMax: 400, lowTasks: nil), .exhausted)

        let record = Self.nested(lowTasks: 299)
        let row = Headroom.usages(of: record).first { $0.limit == .pidMax }
        XCTAssertEqual(row?.used, 386)
        XCTAssertEqual(row?.max, 399)
        XCTAssertEqual(row?.line, "pid_max of PID namespace pid:[4026532713]: 386 of 399 (97 %)")
    }

    /// A nested target on 6.14+ reads its namespace's pid_max; checked from
    /// the host, the host's is noted apart and gets its own row, and the
    /// note that it cannot be seen is not given.
    func testHostPidMaxReadApartGetsItsOwnRow() throws {
        var record = Self.nested(hostTasks: 900)
        XCTAssertNil(Headroom.usages(of: record).first { $0.line.hasPrefix("kernel.pid_max") })
        XCTAssertNotNil(PIDSpace.hiddenHostNote(try XCTUnwrap(record.pid), kernel: ReleaseVersion(6, 18)))
        record.noteHostPIDMax(32768)
        let host = Headroom.usages(of: record).first { $0.line.hasPrefix("kernel.pid_max") }
        XCTAssertEqual(host?.used, 900)
        XCTAssertEqual(host?.max, 32468)
        XCTAssertEqual(Headroom.usages(of: record).filter { $0.limit == .pidMax }.count, 2)
        XCTAssertNil(PIDSpace.hiddenHostNote(try XCTUnwrap(record.pid), kernel: ReleaseVersion(6, 18)))
    }

    /// A 6.18 snapshot of a process in a nested PID namespace whose pid_max is 400, 386 tasks in it.
    private static func nested(lowTasks: Int64? = nil, hostTasks: Int64? = nil) -> LogRecord {
        var record = LogRecord(type: .other("snapshot"))
        var pid = PIDSnapshot()
        pid.pidNs = 4_026_532_713
        pid.pidMax = 400
        pid.nsTasks = 386
        pid.nsLowTasks = lowTasks
        pid.hostTasks = hostTasks
        record.pid = pid
        record.kernel = "6.18.0"
        return record
    }

    /// The verdict stands on the same count: 32491 tasks are past the
    /// 32488 a host with 20 tasks below 300 holds, and short of the 32588
    /// one with 120 holds (near: medium confidence).
    func testVerdictCountsTasksBelow300() throws {
        var record = try Fixture.record("centos7-pid-max.jsonl")
        record.pid?.hostLowTasks = 20
        var verdict = Classifier().classify(record)
        XCTAssertEqual(verdict.id, .pidMax)
        XCTAssertEqual(verdict.confidence, .high)
        XCTAssertTrue(
            verdict.evidence.contains {
                $0.contains("32488 or more in use exhausts it") && $0.contains("20 of the tasks")
            },
            "\(verdict.evidence)")
        record.pid?.hostLowTasks = 120
        verdict = Classifier().classify(record)
        XCTAssertEqual(verdict.id, .pidMax)
        XCTAssertEqual(verdict.confidence, .medium)
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
        let line = #"{"version":1,"path":"/","max_bytes":9223372036854771712,"current_bytes":5}"#
        var losses = 0
        let level = JSONTape.parse(Array(line.utf8)[...]) { MemoryCgroupLevel(tape: $0, at: $0.root, losses: &losses) }
        XCTAssertEqual(level??.maxBytes, .unlimited)
        XCTAssertEqual(losses, 0)
    }

    func testPrometheusGauges() throws {
        let report = CheckReport(record: try Fixture.record("centos7-pid-max.jsonl"))
        let text = CheckPrometheusRenderer().render(report)
        XCTAssertTrue(text.contains("# TYPE forkexplain_limit_usage_ratio gauge\n"))
        XCTAssertTrue(text.contains("forkexplain_tasks_limit{limit=\"pid_max\",place=\"host\"} 32468\n"), text)
        XCTAssertTrue(text.contains("forkexplain_check_status 2\n"), text)
        XCTAssertFalse(text.contains("pid=\""), "no pid label: a new series for every process")
    }
}
