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
