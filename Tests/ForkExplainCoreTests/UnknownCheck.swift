import XCTest

@testable import ForkExplainCore

/// A check that could not count a limit whole says UNKNOWN in each of its
/// formats: the plugin line, the JSON status and the Prometheus gauge.
enum UnknownCheck {
    static func assertRendered(
        _ report: CheckReport, firstLine prefix: String, row: String, file: StaticString = #filePath,
        line: UInt = #line
    ) throws {
        XCTAssertEqual(report.level, .unknown, file: file, line: line)
        XCTAssertEqual(report.exitStatus, 3, file: file, line: line)
        let text = CheckTextRenderer().render(report)
        XCTAssertTrue(text.hasPrefix(prefix), text, file: file, line: line)
        XCTAssertTrue(text.contains(row), text, file: file, line: line)
        let json = try CheckJSONRenderer().render(report)
        XCTAssertTrue(json.contains("\"uncounted\" : ["), json, file: file, line: line)
        XCTAssertTrue(json.contains("\"status\" : \"unknown\""), json, file: file, line: line)
        XCTAssertTrue(
            CheckPrometheusRenderer().render(report).contains("forkexplain_check_status 3"), file: file, line: line)
    }
}
