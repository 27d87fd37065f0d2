import Foundation
import XCTest

@testable import ForkExplainCore

/// The report streams its events (docs/design.md, "report --format json"):
/// each leaves once no later record can change it, so what is held grows
/// with processes, not records, and the counts are those of the whole log.
final class ReportStreamTests: XCTestCase {
    /// One process failing over and over, as in a storm: every failure but
    /// the last is written as soon as the next one comes, and the last
    /// still takes the tally that follows it.
    func testAProcesssEventLeavesAtItsNextFailure() throws {
        let records = try Fixture.records("centos7-pid-max.jsonl")
        let failure = records[1]
        let tally = records[2]
        var emitted: [(count: Int, sequence: Int)] = []
        var stream = ReportStream(filter: EventFilter()) { emitted.append(($0.count, $1)) }
        for index in 0..<500 {
            try stream.add(failure)
            XCTAssertEqual(emitted.count, index, "held more than the process's last event")
        }
        try stream.add(tally)
        let incidents = try stream.finish()
        XCTAssertEqual(emitted.count, 500)
        XCTAssertEqual(emitted.map(\.sequence), Array(0..<500))
        let suppressed = try XCTUnwrap(failure.call?.suppressed)
        XCTAssertEqual(emitted.last?.count, 1 + suppressed + (tally.call?.suppressed ?? 0))
        XCTAssertEqual(stream.totals.events, 500)
        XCTAssertEqual(incidents.first?.count, stream.totals.failures)
        XCTAssertEqual(incidents.first?.events, 500)
    }

    /// Events of different processes leave out of log order; the incident
    /// still lists its pids, and is ordered, by the log.
    func testIncidentsKeepTheLogsOrderWhateverOrderEventsLeaveIn() throws {
        let records = try Fixture.records("centos7-pid-max.jsonl")
        let bash = records[0]
        let java = records[1]
        var later = bash
        later.time = "2026-11-26T15:30:04.000Z"
        var order: [Int?] = []
        var stream = ReportStream(filter: EventFilter()) { event, _ in order.append(event.pid) }
        for record in [java, bash, later] { try stream.add(record) }
        let incidents = try stream.finish()
        XCTAssertEqual(order, [31877, 20417, 31877], "bash's first event left at its second")
        XCTAssertEqual(incidents.count, 1)
        XCTAssertEqual(incidents.first?.pids, [20417, 31877])
        XCTAssertEqual(incidents.first?.comms, ["java", "bash"])
        XCTAssertEqual(incidents.first?.latest.pid, 31877, "the latest by time")
    }

    /// A watch record read after its shim twin was written (watch's own log
    /// read after the shim's): not a second event; what watch counted
    /// beyond the shim's event goes to that event's incident.
    func testAWatchRecordAfterItsWrittenTwinCountsInTheIncident() throws {
        let records = try Fixture.records("watch-and-shim.jsonl")
        let watch = records[0]
        let shim = records[1]
        var next = shim
        next.time = "2026-11-26T14:02:40.000Z"
        let report = ReportBuilder().build(records: [shim, next, watch])
        XCTAssertEqual(report.events.map(\.record.isFromWatch), [false, false])
        let shimCount = FailureEvent(record: shim, verdict: Classifier().classify(shim)).count
        let watchCount = FailureEvent(record: watch, verdict: Classifier().classify(watch)).count
        XCTAssertGreaterThan(watchCount, shimCount, "the fixture's watch counted more")
        XCTAssertEqual(report.events.map(\.count), [shimCount, shimCount], "written events keep their counts")
        XCTAssertEqual(report.incidents.first?.count, shimCount + watchCount)
        XCTAssertEqual(report.failureCount, shimCount + watchCount)
    }

    /// The same log streamed and built: the same events, counts and incidents.
    func testStreamingAndBuildingAgree() throws {
        let fixtures = ["centos7-pid-max.jsonl", "watch-and-shim.jsonl", "rlimit-nproc.jsonl", "tally-only.jsonl"]
        let sources = try fixtures.map { LogSource(path: try Fixture.path($0)) }
        let built = try ReportBuilder().build(from: sources)
        var streamed: [(FailureEvent, Int)] = []
        let report = try ReportBuilder().stream(from: sources) { streamed.append(($0, $1)) }
        XCTAssertTrue(report.events.isEmpty, "a streamed report holds no events")
        let inOrder = streamed.sorted { $0.1 < $1.1 }.map(\.0)
        XCTAssertEqual(inOrder.map(\.pid), built.events.map(\.pid))
        XCTAssertEqual(inOrder.map(\.count), built.events.map(\.count))
        XCTAssertEqual(report.incidents.map(\.count), built.incidents.map(\.count))
        XCTAssertEqual(ReportSummary(report), ReportSummary(built))
        XCTAssertEqual(report.eventCount, built.events.count)
    }
}
