import Foundation
import XCTest

@testable import ForkExplainCore

/// Strings from the log never reach a terminal or a Markdown page raw.
final class ControlEscapingTests: XCTestCase {
    /// A title-setting escape, a bell, a C1 CSI, DEL, a right-to-left override,
    /// a newline and Markdown's own delimiters, in every string a report shows.
    static let hostile = #"x\u001b]0;owned\u0007\u009b2J\u007f\u202eexe.txt\n| `"#

    static var record: String {
        let s = hostile
        return
            #"{"schema":1,"type":"failure","time":"2026-11-26T15:30:01Z","host":"h\#(s)","kernel":"6.1\#(s)","process":{"pid":5,"uid":0,"comm":"c\#(s)"},"call":{"name":"fork","errno":11,"errno_name":"EAGAIN"},"pid":{"pid_max":32768,"host_tasks":99,"threads_max":1000,"pid_ns":4026531836},"cgroups":{"pids":[{"version":2,"path":"/p\#(s)","dir":"/sys/fs/cgroup/p\#(s)","max":10,"current":10}]},"top":{"holders":[{"pid":6,"comm":"h\#(s)","threads":50}]},"backtrace":[{"addr":"0x1","module":"/lib/m```\#(s)","offset":"0x10"}],"unreadable":["u\#(s)"]}"#
    }

    func report() throws -> (Report, LogRecord) {
        let record = try LogRecord(jsonLine: Array(Self.record.utf8))
        XCTAssertNotNil(record.process?.comm?.contains("\u{1B}"))
        return (ReportBuilder().build(records: [record]), record)
    }

    static func assertNoControls(_ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let raw = text.unicodeScalars.filter { $0 != "\n" && String.mustEscape($0) }
        XCTAssert(raw.isEmpty, "\(what) prints \(raw.map { String($0.value, radix: 16) })", file: file, line: line)
        XCTAssert(text.contains("\\x1B]0;owned\\x07"), "\(what) shows the escape visibly", file: file, line: line)
    }

    func testTextAndCheckReportsEscapeControls() throws {
        let (report, record) = try report()
        Self.assertNoControls(TextRenderer().render(report), "report")
        Self.assertNoControls(TextRenderer(detail: .brief).render(report), "run's report")
        Self.assertNoControls(CheckTextRenderer().render(CheckReport(record: record)), "check")
        XCTAssert(TextRenderer().render(report).contains("\\u{202E}"))
    }

    func testMarkdownKeepsLogStringsInsideTheirCells() throws {
        let (report, _) = try report()
        let markdown = MarkdownRenderer().render(report)
        Self.assertNoControls(markdown, "markdown")
        let table = markdown.split(separator: "\n").filter { $0.hasPrefix("| `") }
        XCTAssertEqual(table.count, 1)
        // Six cells: six unescaped pipes between the outer ones.
        var separators = 0
        var previous: Character = " "
        for character in table[0] {
            if character == "|", previous != "\\" { separators += 1 }
            previous = character
        }
        XCTAssertEqual(separators, 7, String(table[0]))
        // A cgroup path with a backtick, inside the advice's own code span
        // (`echo N > 'DIR/pids.max'`, quoted for the shell), does not end it.
        let advice = try XCTUnwrap(
            markdown.split(separator: "\n").first { $0.contains("echo ") && $0.contains("pids.max'`") }, markdown)
        XCTAssertEqual(advice.filter { $0 == "`" }.count % 2, 0, String(advice))
        XCTAssert(advice.contains("\\x60"), String(advice))
        // The backtrace fence is longer than the module path's own backticks.
        XCTAssert(markdown.contains("\n````\n"), markdown)
    }

    func testJSONReportEscapesControls() throws {
        let (report, _) = try report()
        let json = try JSONRenderer().render(report)
        XCTAssertFalse(json.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "JSON escapes C0 controls")
        XCTAssert(json.contains("\\u001b") || json.contains("\\u001B"))
    }
}
