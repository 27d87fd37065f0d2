import Foundation
import XCTest

/// The keys README promises for `report --format json` (section "report").
final class ReportJSONTests: XCTestCase {
    static let reportKeys: Set = ["schema", "events", "incidents", "skipped_lines", "files", "newer_schema"]
    static let verdictKeys: Set = [
        "verdict", "family", "confidence", "evidence", "advice", "binding_limit", "kernel_rule",
    ]
    static let eventKeys = verdictKeys.union(["call", "errno", "pid", "host", "time"])
    static let incidentKeys = verdictKeys.union(["count", "first", "last"])

    private func report(_ fixtures: String...) throws -> [String: Any] {
        let result = try ForkExplainCommand.run(
            ["report", "--format", "json"] + fixtures.map(ForkExplainCommand.fixture))
        XCTAssertEqual(result.status, 0, result.standardError)
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
        return try XCTUnwrap(object as? [String: Any], "not a JSON object: \(result.standardOutput)")
    }

    private func missing(_ keys: Set<String>, in object: Any?) -> Set<String> {
        keys.subtracting((object as? [String: Any])?.keys.map { $0 } ?? [])
    }

    func testPromisedKeys() throws {
        let report = try report("centos7-pid-max.jsonl", "cgroup-pids-parent.jsonl")
        XCTAssertEqual(missing(Self.reportKeys, in: report), [])
        XCTAssertEqual(report["schema"] as? Int, 1)
        XCTAssertEqual(report["skipped_lines"] as? Int, 0)

        let events = try XCTUnwrap(report["events"] as? [Any])
        XCTAssertEqual(events.count, 3)
        for event in events {
            XCTAssertEqual(missing(Self.eventKeys, in: event), [], "\(event)")
        }
        let incidents = try XCTUnwrap(report["incidents"] as? [Any])
        XCTAssertEqual(incidents.count, 2)
        for incident in incidents {
            XCTAssertEqual(missing(Self.incidentKeys, in: incident), [], "\(incident)")
        }
        let first = try XCTUnwrap(events.first as? [String: Any])
        XCTAssertEqual(first["verdict"] as? String, "pid_max")
        XCTAssertEqual(first["call"] as? String, "fork")
        XCTAssertEqual(first["errno"] as? String, "ENOMEM")
    }

    func testSkippedLinesAreCounted() throws {
        let report = try report("mixed.jsonl")
        XCTAssertGreaterThan(try XCTUnwrap(report["skipped_lines"] as? Int), 0)
    }
}

/// `report --format json` writes its events as they become final
/// (docs/design.md): still one JSON object, whatever the log's size.
final class ReportJSONStreamTests: XCTestCase {
    func testALargeLogIsOneObjectWithEveryEvent() throws {
        let line =
            try String(contentsOfFile: ForkExplainCommand.fixture("rlimit-nproc.jsonl"), encoding: .utf8)
            .split(separator: "\n").first.map(String.init) ?? ""
        let path = NSTemporaryDirectory() + "forkexplain-stream-\(getpid()).jsonl"
        defer { unlink(path) }
        // Enough events that the text is written in several parts.
        try (String(repeating: line + "\n", count: 3_000)).write(toFile: path, atomically: true, encoding: .utf8)
        let result = try ForkExplainCommand.run(["report", "--format", "json", path])
        XCTAssertEqual(result.status, 0, result.standardError)
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        let events = try XCTUnwrap(object?["events"] as? [Any])
        XCTAssertEqual(events.count, 3_000)
        let summary = try XCTUnwrap(object?["summary"] as? [String: Any])
        let counted = events.compactMap { ($0 as? [String: Any])?["count"] as? Int }.reduce(0, +)
        XCTAssertEqual(summary["failures"] as? Int, counted)
    }

    /// Nothing is written before every log is known to open: no half object.
    func testAMissingLaterLogWritesNothing() throws {
        let result = try ForkExplainCommand.run([
            "report", "--format", "json", ForkExplainCommand.fixture("rlimit-nproc.jsonl"),
            "/nonexistent/forkexplain.jsonl",
        ])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.standardOutput, "")
        XCTAssertTrue(result.standardError.contains("/nonexistent/forkexplain.jsonl"), result.standardError)
    }
}
