import Foundation
import XCTest

@testable import ForkExplainCore

/// Text and Markdown count a shim event into its incident as it comes and
/// add its later tallies to that (`CountedEvent`), where JSON holds the
/// event until no tally can join it: the same report either way.
final class CountedAtOnceTests: XCTestCase {
    /// The records streamed holding each event, then counting each at once.
    private func bothWays(_ records: [LogRecord], filter: EventFilter = EventFilter()) throws -> [Report] {
        try [false, true].map { countsAtOnce in
            var stream = ReportStream(filter: filter, countsAtOnce: countsAtOnce) { _, _ in }
            for record in records { try stream.add(record) }
            let incidents = try stream.finish()
            return Report(events: [], incidents: incidents, files: [], totals: stream.totals)
        }
    }

    private func assertSame(
        _ reports: [Report], file: StaticString = #filePath, line: UInt = #line
    ) {
        guard let held = reports.first, let counted = reports.last else {
            return XCTFail("no reports", file: file, line: line)
        }
        XCTAssertEqual(counted.totals, held.totals, file: file, line: line)
        XCTAssertEqual(counted.incidents.map(\.key), held.incidents.map(\.key), file: file, line: line)
        XCTAssertEqual(counted.incidents.map(\.count), held.incidents.map(\.count), file: file, line: line)
        XCTAssertEqual(counted.incidents.map(\.events), held.incidents.map(\.events), file: file, line: line)
        XCTAssertEqual(counted.incidents.map(\.last), held.incidents.map(\.last), file: file, line: line)
        XCTAssertEqual(counted.incidents.map(\.lastTime), held.incidents.map(\.lastTime), file: file, line: line)
        XCTAssertEqual(counted.incidents.map(\.processes), held.incidents.map(\.processes), file: file, line: line)
        XCTAssertEqual(
            counted.incidents.map(\.latestSequence), held.incidents.map(\.latestSequence), file: file, line: line)
        XCTAssertEqual(TextRenderer().render(counted), TextRenderer().render(held), file: file, line: line)
        XCTAssertEqual(MarkdownRenderer().render(counted), MarkdownRenderer().render(held), file: file, line: line)
    }

    private func tally(of failure: LogRecord, suppressed: Int, at time: String) -> LogRecord {
        var tally = self.failure(failure, at: time)
        tally.type = .tally
        tally.call?.suppressed = suppressed
        return tally
    }

    private func failure(_ record: LogRecord, at time: String) -> LogRecord {
        var moved = record
        moved.time = time
        return moved
    }

    /// The builder holds no event for a counted failure, and hands its
    /// tally back with the event's new count and last time.
    func testACountedFailureIsNotHeldAndItsTallyComesBack() throws {
        let records = try Fixture.records("centos7-pid-max.jsonl")
        let java = records[1]
        var builder = EventBuilder(countsAtOnce: true)
        guard case .counted(let event, let sequence) = builder.add(java, final: { _, _ in XCTFail("handed on") })
        else { return XCTFail("not counted") }
        XCTAssertEqual(sequence, 0)
        XCTAssertEqual(builder.heldEvents, 0)
        XCTAssertEqual(builder.countedHeld, 1)
        builder.countedAt(incident: 3, trace: 5)
        let later = tally(of: java, suppressed: 40, at: "2026-11-26T15:31:00.000Z")
        guard
            case .tallied(let counted, let suppressed, let extended) = builder.add(later, final: { _, _ in XCTFail() })
        else { return XCTFail("the tally did not join the counted event") }
        XCTAssertEqual(suppressed, 40)
        XCTAssertEqual(counted.count, event.count + 40)
        XCTAssertEqual([Int(counted.incident), Int(counted.trace), counted.sequence], [3, 5, 0])
        XCTAssertEqual(extended?.time, "2026-11-26T15:31:00.000Z")
        XCTAssertEqual(counted.lastDate, Timestamp.parse("2026-11-26T15:31:00.000Z"))
        // An earlier tally adds its count, not its time.
        let earlier = tally(of: java, suppressed: 2, at: "2026-11-26T15:30:00.000Z")
        guard case .tallied(_, _, let notMoved) = builder.add(earlier, final: { _, _ in XCTFail() })
        else { return XCTFail("the tally did not join the counted event") }
        XCTAssertNil(notMoved)
        // A watch failure is held as before.
        var watch = java
        watch.source = "watch"
        guard case .none = builder.add(watch, final: { _, _ in }) else { return XCTFail("a watch failure counted") }
        XCTAssertEqual(builder.heldEvents, 1)
        XCTAssertEqual(builder.countedHeld, 0, "later tallies join the watch event")
    }

    /// Tallies after the failures they count, before them, late and early,
    /// for two processes: the same incidents, counts and last times.
    func testTalliesAfterTheirEventWasCountedGiveTheSameReport() throws {
        let records = try Fixture.records("centos7-pid-max.jsonl")
        let bash = records[0]
        let java = records[1]
        let again = failure(java, at: "2026-11-26T15:30:06.000Z")
        let bashAgain = failure(bash, at: "2026-11-26T15:31:00.000Z")
        let log = [
            tally(of: bash, suppressed: 4, at: "2026-11-26T15:29:59.000Z"),  // before its failure
            bash, java, records[2],
            tally(of: java, suppressed: 7, at: "2026-11-26T15:30:05.000Z"),
            tally(of: java, suppressed: 1, at: "2026-11-26T15:30:04.000Z"),  // earlier than the one before
            again,
            tally(of: java, suppressed: 9, at: "2026-11-26T15:40:00.000Z"),  // later than any failure
            tally(of: bash, suppressed: 3, at: "2026-11-26T15:30:30.000Z"),
            bashAgain,
        ]
        let reports = try bothWays(log)
        assertSame(reports)
        XCTAssertEqual(reports.last?.incidents.first?.lastTime, "2026-11-26T15:40:00.000Z", "the late tally's time")
        for fixture in Fixture.recordLogs { assertSame(try bothWays(Fixture.records(fixture))) }
        assertSame(try bothWays(Fixture.recordLogs.flatMap { try Fixture.records($0) }))
    }

    /// docs/kernel-facts.md §6.8: a retry joins the attempt before it when
    /// within a second of that attempt's last time, which its tally moved
    /// on after the attempt was counted.
    func testATallyMovesTheAttemptARetryJoins() throws {
        let java = try XCTUnwrap(Fixture.records("centos7-pid-max.jsonl").first { $0.process?.comm == "java" })
        var first = java
        first.call?.suppressed = 0
        first.time = "2026-11-26T15:30:01.000Z"
        var retry = first
        retry.time = "2026-11-26T15:30:03.500Z"
        retry.pid?.hostTasks = 20_000  // threads exited in between: no cause seen
        let reports = try bothWays([first, tally(of: first, suppressed: 2, at: "2026-11-26T15:30:03.000Z"), retry])
        assertSame(reports)
        XCTAssertEqual(reports.last?.incidents.count, 1, "the retry joined the attempt its tally moved on")
        XCTAssertEqual(reports.last?.incidents.first?.count, 4)
    }

    /// Under --since a tally's time can bring its event into the window:
    /// there each event is held for its tallies, as before.
    func testSinceStillTakesAnEventItsTallyBringsIn() throws {
        let java = try Fixture.records("centos7-pid-max.jsonl")[1]
        let since = try XCTUnwrap(Timestamp.parse("2026-11-26T15:35:00Z"))
        let log = [java, tally(of: java, suppressed: 5, at: "2026-11-26T15:36:00.000Z")]
        let reports = try bothWays(log, filter: EventFilter(since: since))
        assertSame(reports)
        XCTAssertEqual(reports.last?.totals.events, 1, "the tally's time is in the window")
        XCTAssertEqual(reports.last?.incidents.first?.count, (java.call?.suppressed ?? 0) + 1 + 5)
    }

    /// A counted event the filter left out: its tally counts nowhere.
    func testATallyOfAnEventLeftOutCountsNowhere() throws {
        let records = try Fixture.records("centos7-pid-max.jsonl")
        let log = records + [tally(of: records[1], suppressed: 50, at: "2026-11-26T15:40:00.000Z")]
        let reports = try bothWays(log, filter: EventFilter(pid: 31877))
        assertSame(reports)
        XCTAssertEqual(reports.last?.totals.failures, 1)
    }

    /// Watch's twin of a counted shim event, read before it and after it.
    func testWatchTwinsOfACountedEventCountOnce() throws {
        let records = try Fixture.records("watch-and-shim.jsonl")
        let watch = records[0]
        let shim = records[1]
        let next = failure(shim, at: "2026-11-26T14:02:40.000Z")
        for log in [
            [watch, shim], [shim, watch], [shim, next, watch],
            [shim, tally(of: shim, suppressed: 20, at: "2026-11-26T14:02:36.000Z"), watch],
        ] {
            let reports = try bothWays(log)
            assertSame(reports)
        }
    }
}
