import Foundation
import XCTest

@testable import ForkExplainCore

/// `report --format json` writes its events by hand (PrettyJSONText): the
/// text must be what JSONEncoder gives for them, byte for byte.
final class JSONEventsTextTests: XCTestCase {
    func testHandWrittenEventsAreTheEncodersText() throws {
        let fixtures = [
            "centos7-pid-max.jsonl", "cgroup-pids-parent.jsonl", "commit-limit-mode2.jsonl", "memory-exhausted.jsonl",
            "mixed.jsonl", "pidns-init-dead.jsonl", "rlimit-nproc.jsonl", "tally-only.jsonl", "watch-and-shim.jsonl",
        ]
        var reports = try fixtures.map { try Fixture.report([$0]) }
        // Control characters, C1, bidi overrides and backticks in every string.
        let hostile = try LogRecord(jsonLine: Array(ControlEscapingTests.record.utf8))
        reports.append(ReportBuilder().build(records: [hostile]))
        reports.append(ReportBuilder().build(records: []))
        for report in reports {
            try assertSameText(report)
        }
    }

    /// Each frame's `symbol` is put in by the writer (`EventJSONText`
    /// leaves a gap for it): where the encoder puts it, last in its frame.
    func testNamedFramesAreTheEncodersText() throws {
        let report = try Fixture.report(["mixed.jsonl", "centos7-pid-max.jsonl", "cgroup-pids-parent.jsonl"])
        let frames = report.events.flatMap { $0.record.backtrace ?? [] }
        XCTAssertFalse(frames.isEmpty, "the fixtures have no backtrace to name")
        let names = EveryFrameNamed().symbolize(frames)
        try assertSameText(
            report, events: report.events.map { JSONReport.Event($0, symbols: names) },
            renderer: JSONRenderer(symbolizer: EveryFrameNamed()))
    }

    /// Names every frame by its offset, with quotes to escape (a demangled
    /// C++ literal operator has them).
    private struct EveryFrameNamed: Symbolizer {
        var name: String { "a test's" }
        func symbolize(_ frames: [BacktraceFrame]) -> [FrameKey: String] {
            var names: [FrameKey: String] = [:]
            for frame in frames {
                guard let key = FrameKey(frame) else { continue }
                names[key] = "operator\"\"_x<\(key.offset)>"
            }
            return names
        }
    }

    private struct EventsOnly: Encodable {
        var events: [JSONReport.Event]
    }

    private func assertSameText(
        _ report: Report, events: [JSONReport.Event]? = nil, renderer: JSONRenderer = JSONRenderer(),
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let encoded = try encoder.encode(EventsOnly(events: events ?? JSONReport(report).events))
        // "{\n  "events" : [...]\n}": the renderer's text goes on after the
        // array with ",\n" and the other keys.
        let expected = String(String(decoding: encoded, as: UTF8.self).dropLast(2)) + ",\n"
        let rendered = try renderer.render(report)
        XCTAssert(
            rendered.hasPrefix(expected),
            "hand-written events differ from the encoder's:\n\(rendered)\n---\n\(expected)", file: file, line: line)
    }
}
