import XCTest

@testable import ForkExplainCore

final class SourceMergerTests: XCTestCase {
    /// watch-and-shim.jsonl: bash's fork failure seen by the shim and by
    /// watch (2 ms apart, watch counted 6, the shim 3), and a Go program's
    /// failure that only watch saw.
    func testAFailureBothSawIsReportedOnceWithTheShimsBacktrace() throws {
        let report = try Fixture.report(["watch-and-shim.jsonl"])
        XCTAssertEqual(report.events.map(\.pid), [5120, 7301])
        let bash = try XCTUnwrap(report.events.first)
        XCTAssertFalse(bash.record.isFromWatch, "the shim's record stays")
        XCTAssertNotNil(bash.record.backtrace)
        XCTAssertEqual(bash.count, 6, "the larger of the two counts of the same calls")
        let go = try XCTUnwrap(report.events.last)
        XCTAssertTrue(go.record.isFromWatch)
        XCTAssertEqual(go.verdict.id, .rlimitNPROC)
    }

    func testNotTheSameFailureWhenTheThreadOrTheTimeDiffers() throws {
        let records = try Fixture.records("watch-and-shim.jsonl")
        var watch = records[0]
        watch.process?.tid = 5121
        XCTAssertEqual(ReportBuilder().build(records: [watch, records[1]]).events.count, 2)
        watch = records[0]
        watch.time = "2026-11-26T14:02:36.100Z"
        XCTAssertEqual(ReportBuilder().build(records: [watch, records[1]]).events.count, 2)
    }

    func testAShimPidInsideANamespaceMatchesWatchsInnermostPid() throws {
        let records = try Fixture.records("watch-and-shim.jsonl")
        var watch = records[0]
        var shim = records[1]
        watch.process?.pid = 90210
        watch.process?.tid = 90210
        watch.pid?.nspid = [90210, 5120]
        shim.process?.tid = 5120
        XCTAssertEqual(ReportBuilder().build(records: [watch, shim]).events.count, 1)
    }

    /// A trace keeps a tid its 32-bit place cannot hold (a log's tid is any
    /// number) in full, beside it: a watch record read after its shim twin
    /// was written finds that twin by the same tid only, whichever of two
    /// wide tids it has.
    func testATraceKeepsATidTooWideForItsPlace() throws {
        let records = try Fixture.records("watch-and-shim.jsonl")
        for (first, second) in [(5_000_000_000, -7), (Int(Int32.max) + 1, Int.min)] {
            var firstShim = records[1]
            var secondShim = records[1]
            var watch = records[0]
            firstShim.process?.tid = first
            secondShim.process?.tid = second
            watch.process?.tid = second
            let report = ReportBuilder().build(records: [firstShim, secondShim, watch])
            XCTAssertEqual(report.events.map(\.tid), [first, second], "watch's twin is the second shim event")
            watch.process?.tid = second &+ 1
            XCTAssertEqual(ReportBuilder().build(records: [firstShim, secondShim, watch]).events.count, 3)
        }
    }
}
