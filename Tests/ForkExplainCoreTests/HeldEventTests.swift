import Foundation
import XCTest

@testable import ForkExplainCore

/// What a streamed report holds of each event until it is final
/// (`HeldForm`, `SharedParts`): the report must be the one whole events give.
final class HeldEventTests: XCTestCase {
    private let fixtures = [
        "centos7-pid-max.jsonl", "cgroup-pids-parent.jsonl", "commit-limit-mode2.jsonl", "memory-exhausted.jsonl",
        "mixed.jsonl", "pidns-init-dead.jsonl", "rlimit-nproc.jsonl", "tally-only.jsonl", "watch-and-shim.jsonl",
        "workloads.jsonl", "arm64-rlimit-nproc.jsonl",
    ]

    func testTextAndMarkdownOfCompactEventsAreTheWholeEvents() throws {
        for name in fixtures {
            let sources = [LogSource(path: try Fixture.path(name))]
            let whole = try ReportBuilder().stream(from: sources, held: .whole) { _, _ in }
            let text = try ReportBuilder().stream(from: sources, held: .text) { _, _ in }
            let markdown = try ReportBuilder().stream(from: sources, held: .markdown) { _, _ in }
            XCTAssertEqual(TextRenderer().render(text), TextRenderer().render(whole), name)
            XCTAssertEqual(MarkdownRenderer().render(markdown), MarkdownRenderer().render(whole), name)
        }
    }

    /// A backtick in a section the compact record no longer has (a cgroup
    /// path) is still quoted in the rule text that shows it.
    func testMarkdownQuotesABacktickOfASectionTheHeldRecordDropped() throws {
        var line = try String(contentsOfFile: try Fixture.path("cgroup-pids-parent.jsonl"), encoding: .utf8)
        line = line.replacingOccurrences(of: "\"path\":\"/", with: "\"path\":\"/a`b/")
        XCTAssert(line.contains("a`b"))
        let sources = [LogSource(path: try Fixture.temporaryFile(line))]
        let whole = MarkdownRenderer().render(try ReportBuilder().stream(from: sources, held: .whole) { _, _ in })
        let held = MarkdownRenderer().render(try ReportBuilder().stream(from: sources, held: .markdown) { _, _ in })
        XCTAssertEqual(held, whole)
        XCTAssert(whole.contains("a\\x60b"), whole)
    }

    /// The sections list their strings by hand (reflection is too slow for
    /// every record): they must be the strings reflection finds.
    func testSnapshotSectionsListEveryStringReflectionFinds() throws {
        var seen = 0
        for name in fixtures {
            for record in try Fixture.records(name) {
                guard let sections = record.snapshot else { continue }
                var found: [String] = []
                func walk(_ value: Any) {
                    if let text = value as? String { return found.append(text) }
                    for child in Mirror(reflecting: value).children { walk(child.value) }
                }
                walk(sections)
                XCTAssertEqual(Set(sections.strings), Set(found), name)
                seen += found.count
            }
        }
        XCTAssertGreaterThan(seen, 50)
    }

    func testARecordsCopyKeepsItsSectionsWhenTheOtherChanges() throws {
        let record = try Fixture.record("memory-exhausted.jsonl")
        let available = record.memory?.memAvailableKb
        XCTAssertNotNil(available)
        var copy = record
        copy.memory?.memAvailableKb = 1
        copy.absent = ["/x"]
        XCTAssertEqual(record.memory?.memAvailableKb, available)
        XCTAssertEqual(copy.memory?.memAvailableKb, 1)
        XCTAssertNil(record.absent)
        XCTAssertNil(record.classified.snapshot)
        XCTAssertNil(record.classified.memory)
    }

    func testAJSONTextInPiecesJoinsToItself() throws {
        for event in try Fixture.report(["workloads.jsonl", "mixed.jsonl"]).events {
            let bytes = EventJSONText(event).bytes
            let pieces = SharedParts.pieces(of: bytes)
            XCTAssertGreaterThan(pieces.count, 10)
            XCTAssertEqual(SharedParts.joined(pieces.map { Array($0) }), bytes)
            // A frame's members stay with its object.
            XCTAssertFalse(pieces.contains { $0.starts(with: Array("          \"".utf8)) })
        }
    }

    /// Events of many processes with shared parts write the same JSON as
    /// events held each on its own, and share what they have in common.
    func testSharedEventsWriteWhatTheirOwnPartsWrite() throws {
        var records: [LogRecord] = []
        for name in fixtures { records += try Fixture.records(name) }
        for (offset, record) in records.enumerated() {
            var other = record
            other.process?.pid = 900_000 + offset
            records.append(other)
        }
        func events(shareFrom: Int, spoolFrom: Int = .max) throws -> [FailureEvent] {
            var builder = EventBuilder(shareFrom: shareFrom, spoolFrom: spoolFrom)
            var out: [(FailureEvent, Int)] = []
            for record in records {
                let event = EventBuilder.classified(record, by: Classifier())?.compactForJSON()
                builder.add(record, classified: event) { out.append(($0, $1)) }
            }
            builder.finish { out.append(($0, $1)) }
            return out.sorted { $0.1 < $1.1 }.map(\.0)
        }
        let own = try events(shareFrom: .max)
        let shared = try events(shareFrom: 0)
        // Their texts in the spool file and read back (`EventSpool`).
        let spooled = try events(shareFrom: 0, spoolFrom: 0)
        XCTAssertEqual(own.count, shared.count)
        XCTAssertEqual(own.count, spooled.count)
        XCTAssertGreaterThan(own.count, 20)
        for (a, (b, c)) in zip(own, zip(shared, spooled)) {
            XCTAssertEqual(try CompactEventTests.text(of: a), try CompactEventTests.text(of: b))
            XCTAssertEqual(try CompactEventTests.text(of: a), try CompactEventTests.text(of: c))
            XCTAssertEqual(a.verdict, b.verdict)
        }
        var pool = SharedParts()
        let withIdentity = try XCTUnwrap(own.first { $0.identity != nil })
        var first = withIdentity
        var second = withIdentity
        // Equal, not the same box: sharing makes them one.
        second.share(
            record: second.record, verdict: VerdictBox(second.verdict),
            identity: second.identity.map(IdentityBox.init), workload: second.workload, lastTime: second.lastTime)
        XCTAssert(first.identityBox !== second.identityBox)
        XCTAssert(first.verdictBox !== second.verdictBox)
        _ = pool.share(&first)
        _ = pool.share(&second)
        XCTAssert(first.identityBox === second.identityBox)
        XCTAssert(first.verdictBox === second.verdictBox)
    }
}
