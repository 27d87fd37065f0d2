import Foundation
import XCTest

@testable import ForkExplainCore

/// `report --format json` holds its events compact (`compactForJSON`) and
/// writes their text as made on the decoding threads (`EventJSONText`):
/// the report must be the one the whole events give.
final class CompactEventTests: XCTestCase {
    private let fixtures = Fixture.recordLogs

    func testStreamedJSONOfCompactEventsIsTheWholeEvents() throws {
        for name in fixtures {
            let sources = [LogSource(path: try Fixture.path(name))]
            XCTAssertEqual(try json(sources, jsonEvents: true), try json(sources, jsonEvents: false), name)
        }
    }

    func testACompactEventWritesTheCountAndIdentityItHasWhenWritten() throws {
        let events = try Fixture.report(["workloads.jsonl", "mixed.jsonl"]).events
        XCTAssertFalse(events.isEmpty)
        XCTAssert(events.contains { $0.identity != nil })
        for var event in events {
            // A tally after it was classified adds to its count.
            var compact = event.compactForJSON()
            event.count = 7
            compact.count = 7
            let whole = try Self.text(of: event)
            XCTAssertEqual(try Self.text(of: compact), whole)
            XCTAssert(whole.contains("\"count\" : 7,\n"))
            XCTAssertEqual(whole.contains("\"identity\" : {"), event.identity != nil)
        }
    }

    func testACompactRecordKeepsWhatGroupingAndMergingRead() throws {
        for record in try Fixture.records("mixed.jsonl") + Fixture.records("watch-and-shim.jsonl") {
            let kept = record.classified
            XCTAssertEqual(EventBuilder.TallyKey(kept), EventBuilder.TallyKey(record))
            XCTAssertEqual(kept.pid?.nspid, record.pid?.nspid)
            XCTAssertEqual(kept.process?.threadComm, record.process?.threadComm)
            XCTAssertEqual(kept.isFromWatch, record.isFromWatch)
            XCTAssertEqual(kept.time, record.time)
            XCTAssertNil(kept.limits)
            XCTAssertNil(kept.cgroups)
            XCTAssertNil(kept.memory)
            XCTAssertNil(kept.backtrace)
            XCTAssertNil(kept.top)
        }
    }

    func testAHeldJSONRecordKeepsWhatMergingReadsAndNoMore() throws {
        let records = try Fixture.records("mixed.jsonl") + Fixture.records("watch-and-shim.jsonl")
        XCTAssert(records.contains { $0.isFromWatch && $0.pid?.nspid != nil })
        XCTAssert(records.contains { !$0.isFromWatch && $0.pid != nil && $0.process?.exe != nil })
        for record in records {
            let held = record.heldForJSON
            XCTAssertEqual(EventBuilder.TallyKey(held), EventBuilder.TallyKey(record))
            XCTAssertEqual(held.host, record.host)
            XCTAssertEqual(held.bootId, record.bootId)
            XCTAssertEqual(held.time, record.time)
            XCTAssertEqual(held.isFromWatch, record.isFromWatch)
            XCTAssertEqual(held.call, record.call)
            XCTAssertEqual(held.process?.tid, record.process?.tid)
            XCTAssertEqual(held.process?.comm, record.process?.comm)
            XCTAssertEqual(held.process?.threadComm, record.process?.threadComm)
            XCTAssertNil(held.process?.exe)
            XCTAssertNil(held.platform)
            // A watch event's twin may name the pid its namespace sees.
            if record.isFromWatch {
                XCTAssertEqual(held.pid?.nspid, record.pid?.nspid)
            } else {
                XCTAssertNil(held.pid)
            }
            XCTAssertNil(held.top)
            XCTAssertNil(held.backtrace)
            XCTAssertNil(held.snapshot)
        }
    }

    /// A shim failure in a PID namespace and watch's record of it, which
    /// names the host's pid and the namespace's (`nspid`): twins held
    /// compact for JSON as whole, before and after each other in the log.
    func testTwinsInAPIDNamespaceMergeTheSameHeldForJSON() throws {
        let lines = try String(contentsOfFile: try Fixture.path("watch-and-shim.jsonl"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let shimLine = try XCTUnwrap(
            lines.first { !$0.contains("\"source\":\"watch\"") && $0.contains("\"pid\":5120") })
        let watchLine = try XCTUnwrap(lines.first { $0.contains("\"source\":\"watch\"") })
        let hostPid = 95120
        let watchInNamespace = watchLine.replacingOccurrences(of: "\"pid\":5120", with: "\"pid\":\(hostPid)")
            .replacingOccurrences(of: "\"nspid\":[5120]", with: "\"nspid\":[\(hostPid),5120]")
        XCTAssertNotEqual(watchInNamespace, watchLine)
        for (name, order) in [
            ("watch last", [shimLine, watchInNamespace]), ("watch first", [watchInNamespace, shimLine]),
        ] {
            let path = try Fixture.temporaryFile(order.joined(separator: "\n") + "\n")
            defer { try? FileManager.default.removeItem(atPath: path) }
            let events = try LogReader().readAll([LogSource(path: path)]).records.compactMap {
                EventBuilder.classified($0, by: Classifier())
            }
            let shim = try XCTUnwrap(events.first { !$0.record.isFromWatch }, name)
            let watch = try XCTUnwrap(events.first { $0.record.isFromWatch }, name)
            XCTAssertEqual(watch.record.pid?.nspid, [Int64(hostPid), 5120], name)
            XCTAssert(SourceMerger.sameFailure(shim, watch), name)
            XCTAssert(SourceMerger.sameFailure(shim.compactForJSON(), watch.compactForJSON()), name)
            let sources = [LogSource(path: path)]
            let held = try json(sources, jsonEvents: true)
            XCTAssertEqual(held, try json(sources, jsonEvents: false), name)
            // One event: the twins were merged.
            XCTAssertEqual(held.components(separatedBy: "\"source\" : ").count, 2, name)
        }
    }

    func testARecordsPIDSectionIsItsOwn() throws {
        let record = try XCTUnwrap(Fixture.records("watch-and-shim.jsonl").first { $0.pid?.nspid != nil })
        var copy = record
        copy.pid?.nspid = [1, 2]
        XCTAssertEqual(copy.pid?.nspid, [1, 2])
        XCTAssertNotEqual(record.pid?.nspid, [1, 2])
        copy.pid = nil
        XCTAssertNil(copy.pid)
        XCTAssertNotNil(record.pid)
    }

    func testARecordsPlatformIsItsOwn() throws {
        let record = try XCTUnwrap(Fixture.records("watch-and-shim.jsonl").first { $0.glibc != nil })
        XCTAssertEqual(record.kernel, "5.14.0-362.8.1.el9_3.x86_64")
        var copy = record
        copy.kernel = "6.1"
        copy.glibc = nil
        XCTAssertEqual(copy.kernel, "6.1")
        XCTAssertNil(copy.glibc)
        XCTAssertEqual(record.kernel, "5.14.0-362.8.1.el9_3.x86_64")
        XCTAssertEqual(record.glibc, "2.34")
        // Nil set on a record without one makes none.
        var bare = LogRecord(type: .failure)
        bare.arch = nil
        XCTAssertNil(bare.platform)
        bare.arch = "aarch64"
        XCTAssertEqual(bare.arch, "aarch64")
        bare.arch = nil
        XCTAssertNil(bare.platform)
    }

    /// The report of this one event, as `JSONReportWriter` writes it.
    static func text(of event: FailureEvent) throws -> String {
        var bytes: [UInt8] = []
        var writer = JSONReportWriter { bytes.append(contentsOf: $0) }
        try writer.event(event)
        try writer.finish(ReportBuilder().build(records: []))
        return String(decoding: bytes, as: UTF8.self)
    }

    private func json(_ sources: [LogSource], jsonEvents: Bool) throws -> String {
        var bytes: [UInt8] = []
        var writer = JSONReportWriter { bytes.append(contentsOf: $0) }
        let report = try ReportBuilder().stream(from: sources, held: jsonEvents ? .json : .whole) { event, _ in
            try writer.event(event)
        }
        try writer.finish(report)
        return String(decoding: bytes, as: UTF8.self)
    }
}
