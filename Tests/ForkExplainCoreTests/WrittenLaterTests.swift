import Foundation
import XCTest

@testable import ForkExplainCore

/// The JSON report counts a shim event at once and holds of it only a
/// `WaitingWrite` until it is final (docs/performance.md, "Held events:
/// JSON written later, its events small"): what it writes must be, byte
/// for byte, what holding each event whole wrote, each event with its own
/// call, errno, tid and final count, and watch's twins merged as they were.
final class WrittenLaterTests: XCTestCase {
    /// The report's JSON from records, streamed as `report --format json`
    /// is: `later` with the events waiting small (spooled past `spoolFrom`),
    /// else held whole until final, as before.
    private func json(_ records: [LogRecord], later: Bool, spoolFrom: Int = 100) throws -> String {
        try streamed(records, later: later, spoolFrom: spoolFrom).text
    }

    /// The same, and the report written; `amend` changes its incidents first.
    private func streamed(
        _ records: [LogRecord], later: Bool, spoolFrom: Int = 100, amend: ([Incident]) throws -> [Incident] = { $0 }
    ) throws -> (text: String, report: Report) {
        var text: [UInt8] = []
        var writer = JSONReportWriter { text.append(contentsOf: $0) }
        let classifier = Classifier()
        var stream =
            later
            ? ReportStream(filter: EventFilter(), classifier: classifier, spoolFrom: spoolFrom) {
                try writer.event($0)
            }
            : ReportStream(filter: EventFilter(), classifier: classifier, lists: .pids) { event, _ in
                try writer.event(event)
            }
        for record in records {
            try stream.add(record, classified: EventBuilder.classified(record, by: classifier)?.compactForJSON())
        }
        let incidents = try amend(try stream.finish())
        let report = Report(events: [], incidents: incidents, files: [], totals: stream.totals)
        try writer.finish(report)
        return (String(decoding: text, as: UTF8.self), report)
    }

    private func events(_ json: String) throws -> [[String: Any]] {
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return try XCTUnwrap(object["events"] as? [[String: Any]])
    }

    private static let calls: [(name: String, errno: Int, errnoName: String)] = [
        ("fork", 11, "EAGAIN"), ("clone", 12, "ENOMEM"), ("pthread_create", 11, "EAGAIN"),
    ]

    private func record(_ base: LogRecord, pid: Int, type: RecordType, suppressed: Int) -> LogRecord {
        var record = base
        record.type = type
        record.process?.pid = pid
        record.process?.tid = pid + 1
        let call = Self.calls[pid % 3]
        record.call?.name = call.name
        record.call?.errno = call.errno
        record.call?.errnoName = call.errnoName
        record.call?.suppressed = suppressed
        return record
    }

    /// 600 processes of three calls and errnos, a third failing twice (the
    /// first made final by the second), each joined by a tally after all
    /// the failures came, past the spool's threshold: the same bytes as
    /// the events held whole, and each event its own call, errno, tid and
    /// count.
    func testWrittenLaterIsTheWholeEventsReportByteForByte() throws {
        let base = try Fixture.record("cgroup-pids-parent.jsonl")
        let pids = 100_000..<100_600
        var records: [LogRecord] = []
        for pid in pids { records.append(record(base, pid: pid, type: .failure, suppressed: 0)) }
        for pid in pids where pid % 3 == 0 { records.append(record(base, pid: pid, type: .failure, suppressed: 1)) }
        for pid in pids { records.append(record(base, pid: pid, type: .tally, suppressed: pid % 7)) }
        let later = try json(records, later: true)
        XCTAssertEqual(later, try json(records, later: false))
        let written = try events(later)
        XCTAssertEqual(written.count, pids.count + pids.count / 3)
        var seen: [Int: Int] = [:]
        for event in written {
            let pid = try XCTUnwrap(event["pid"] as? Int)
            let call = Self.calls[pid % 3]
            seen[pid, default: 0] += 1
            XCTAssertEqual(event["call"] as? String, call.name, "pid \(pid)")
            XCTAssertEqual(event["errno"] as? String, call.errnoName, "pid \(pid)")
            XCTAssertEqual(event["errno_number"] as? Int, call.errno, "pid \(pid)")
            XCTAssertEqual(event["tid"] as? Int, pid + 1, "pid \(pid)")
            // The tally joins the process's last failure.
            let last = pid % 3 != 0 || seen[pid] == 2
            let count = last ? 1 + (pid % 3 == 0 ? 1 : 0) + pid % 7 : 1
            XCTAssertEqual(event["count"] as? Int, count, "pid \(pid), event \(seen[pid] ?? 0)")
        }
    }

    /// 5,000 processes, past the counted
    /// events' run in memory (`SortedRuns`), and an incident of no pid (a
    /// tally alone): the writer puts each incident's pids in by hand
    /// (`JSONReport.Rest.standIn`), and what follows the events must be the
    /// encoder's text of it all, byte for byte, each pid in log order.
    func testPidsWrittenByHandAreTheEncodersText() throws {
        let base = try Fixture.record("cgroup-pids-parent.jsonl")
        var records: [LogRecord] = []
        // Pids out of order, so that log order is not the pids' order.
        for step in 0..<5_000 {
            records.append(record(base, pid: 100_000 + (step * 7_919) % 5_000, type: .failure, suppressed: 0))
        }
        let (written, report) = try streamed(records, later: true) { made in
            XCTAssertGreaterThan(made.count, 0)
            XCTAssertEqual(made.flatMap(\.pids).sorted(), Array(100_000..<105_000), "each pid once, in some incident")
            // One more with every pid, after one with none.
            var none = try XCTUnwrap(made.first)
            none.seenPids = FirstSeen<Int>()
            return made + [none, made[0]]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let whole = try encoder.encode(JSONReport.Rest(report, symbolizer: NoSymbolizer().name))
        let rest = String(decoding: whole.dropFirst(2), as: UTF8.self) + "\n"
        XCTAssertTrue(written.hasSuffix("\n  ],\n" + rest), "the encoder's text of what follows the events")
    }

    /// What each waiting event holds inline: the held whole event was some
    /// 450 bytes (docs/performance.md, "Held events: JSON written later,
    /// its events small").
    func testAWaitingWriteIsSmall() {
        XCTAssertLessThanOrEqual(MemoryLayout<WaitingWrite>.stride, 64)
    }

    /// watch's record of a failure made final before the shim's event of
    /// it is: merged into the shim's event when that is written (its count
    /// the larger of the two, watch's not written), as when the shim's
    /// event was held whole; a later watch record of the process, outside
    /// the merge window, written on its own.
    func testAWatchTwinFinalBeforeTheShimEventMergesWhenItIsWritten() throws {
        let records = try Fixture.records("watch-and-shim.jsonl")
        let watch = try XCTUnwrap(records.first { $0.isFromWatch && $0.process?.pid == 5120 })
        var shim = try XCTUnwrap(records.first { !$0.isFromWatch && $0.process?.pid == 5120 })
        var later = watch
        later.time = "2026-11-26T14:03:40.000Z"
        // A tally of the shim's: 3 + 1 failures, fewer than watch's 6.
        var tally = shim
        tally.type = .tally
        tally.call?.suppressed = 1
        tally.time = "2026-11-26T14:02:33.500Z"
        shim.time = "2026-11-26T14:02:33.007Z"
        // `later` makes `watch` final (the same process, call and errno)
        // while the shim's event still takes tallies.
        let log = [watch, shim, later, tally]
        let written = try json(log, later: true)
        XCTAssertEqual(written, try json(log, later: false))
        let events = try events(written)
        XCTAssertEqual(events.map { $0["source"] as? String }, ["shim", "watch"])
        XCTAssertEqual(events.first?["count"] as? Int, 6)
        XCTAssertEqual(events.last?["time"] as? String, later.time)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String: Any])
        let summary = try XCTUnwrap(object["summary"] as? [String: Any])
        XCTAssertEqual(summary["failures"] as? Int, 6 + 6)
    }

    /// A watch record read after its shim twin was written: not written,
    /// what it counted beyond the shim's event added to that incident.
    func testALateWatchTwinStillMerges() throws {
        let records = try Fixture.records("watch-and-shim.jsonl")
        let log = records.filter { !$0.isFromWatch } + records.filter(\.isFromWatch)
        let written = try json(log, later: true, spoolFrom: 0)
        XCTAssertEqual(written, try json(log, later: false))
        XCTAssertEqual(try events(written).filter { $0["pid"] as? Int == 5120 }.count, 1)
    }
}
