import XCTest

@testable import ForkExplainCore

/// `check` on a host so busy that the /proc scan ran out of time: the
/// collector then leaves out the task counts by uid and by PID namespace,
/// and a probe must not read a missing row as room.
final class CutScanCheckTests: XCTestCase {
    private func nprocRecord(tasks: Int64?, soft: Int64 = 100, cut: Bool) throws -> LogRecord {
        var record = try Fixture.record("rlimit-nproc.jsonl")
        record.limits?.uidTasks = tasks
        record.limits?.nproc = RLimit(soft: .value(soft))
        record.limits?.nprocExempt = nil
        var top = record.top ?? TopSnapshot()
        top.complete = !cut
        record.top = top
        record.cgroups = nil
        record.memory = nil
        return record
    }

    func testALimitLeftUncountedIsUnknownNotOK() throws {
        let whole = CheckReport(record: try nprocRecord(tasks: 10, cut: false))
        XCTAssertEqual(whole.level, .ok)
        XCTAssertEqual(whole.uncounted, [])

        let cut = CheckReport(record: try nprocRecord(tasks: nil, cut: true))
        XCTAssertNil(cut.usages.first { $0.limit == .rlimitNPROC })
        XCTAssertEqual(cut.uncounted.map(\.limit), [.rlimitNPROC])
        try UnknownCheck.assertRendered(
            cut, firstLine: "FORKEXPLAIN UNKNOWN - not counted: RLIMIT_NPROC uid ",
            row: ": not counted  [the /proc scan ran out of time]")
        XCTAssertTrue(CheckTextRenderer().render(cut).contains("FORKEXPLAIN_SCAN_MS"))
    }

    func testACriticalLimitCountedStaysCritical() throws {
        var record = try nprocRecord(tasks: nil, cut: true)
        record.pid?.hostTasks = 32_600
        record.pid?.pidMax = 32_768
        let report = CheckReport(record: record)
        XCTAssertEqual(report.level, .critical, "a full pid_max is critical whatever the scan missed")
    }

    func testPreflightShortIsCriticalAndRoomyIsUnknown() throws {
        var record = try nprocRecord(tasks: nil, cut: true)
        record.pid?.pidMax = 32_768
        record.pid?.hostTasks = 32_400
        let short = CheckReport(record: record, preflight: Preflight(kind: .threads, needed: 500))
        XCTAssertEqual(short.outcome, .critical, "pid_max leaves 68 of the 500 needed")
        record.pid?.hostTasks = 400
        let roomy = CheckReport(record: record, preflight: Preflight(kind: .threads, needed: 50))
        XCTAssertEqual(roomy.outcome, .unknown, "RLIMIT_NPROC may leave fewer than 50")
        XCTAssertTrue(CheckTextRenderer().render(roomy).hasPrefix("FORKEXPLAIN UNKNOWN - not counted: RLIMIT_NPROC"))
        let whole = CheckReport(
            record: try nprocRecord(tasks: 10, cut: false), preflight: Preflight(kind: .threads, needed: 50))
        XCTAssertEqual(whole.outcome, .ok)
    }

    /// After `unshare -p` without --fork the children's namespace differs;
    /// a whole scan that finds no task in it means its init is gone, a cut
    /// one counted nothing, which matters to new processes, not threads.
    func testTheChildrenNamespaceUncountedMattersToProcessesOnly() throws {
        var record = try nprocRecord(tasks: 1, cut: true)
        record.pid?.pidNs = 4_026_531_836
        record.pid?.pidForChildrenNs = 4_026_532_900
        record.pid?.childrenNsTasks = nil
        record.pid?.pidMax = 32_768
        record.pid?.hostTasks = 400
        let report = CheckReport(record: record)
        XCTAssertEqual(report.uncounted.map(\.limit), [.pidnsInit])
        XCTAssertNil(report.usages.first { $0.limit == .pidnsInit })
        XCTAssertEqual(report.level, .unknown)
        XCTAssertEqual(CheckReport(record: record, preflight: Preflight(kind: .processes, needed: 1)).outcome, .unknown)
        XCTAssertEqual(CheckReport(record: record, preflight: Preflight(kind: .threads, needed: 1)).outcome, .ok)
    }
}
