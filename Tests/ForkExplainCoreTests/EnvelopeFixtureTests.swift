import Foundation
import XCTest

@testable import ForkExplainCore

/// Each envelope a log pipeline gives back, as the tool writes it
/// (Fixtures/envelope-*, made by Tests/envelopes/make_fixtures.py from the
/// project's own records): the records come out with their verdicts, the
/// summary says where they came from, and the program's own output beside
/// them is counted as not records, never as malformed.
final class EnvelopeFixtureTests: XCTestCase {
    struct Expected {
        var records: Int
        var verdicts: [String]
        var hosts: [String]
        var envelopes: [String: Int]
        var other = 0
        var malformed = 0
    }

    private func check(_ name: String, _ expected: Expected, file: StaticString = #filePath, line: UInt = #line)
        throws
    {
        let report = try Fixture.report([name])
        let summary = ReportSummary(report)
        let read = try XCTUnwrap(report.files.first, file: file, line: line)
        XCTAssertEqual(read.records, expected.records, "records", file: file, line: line)
        XCTAssertEqual(summary.verdicts.map(\.verdict), expected.verdicts, file: file, line: line)
        XCTAssertEqual(summary.hosts, expected.hosts, file: file, line: line)
        XCTAssertEqual(
            Dictionary(uniqueKeysWithValues: summary.envelopes.map { ($0.envelope, $0.records) }), expected.envelopes,
            file: file, line: line)
        XCTAssertEqual(read.otherLines, expected.other, "lines not records", file: file, line: line)
        XCTAssertEqual(read.skippedLines, expected.malformed, "malformed lines", file: file, line: line)
    }

    func testDockerJSONFile() throws {
        try check(
            "envelope-docker-json-file.log",
            Expected(
                records: 1, verdicts: ["cgroup_pids_limit"], hosts: ["node-4"], envelopes: ["docker-json-file": 1],
                other: 4))
    }

    func testCRILogWithPartialLines() throws {
        try check(
            "envelope-cri.log",
            Expected(
                records: 2, verdicts: ["cgroup_pids_limit"], hosts: ["node-4", "web-7"], envelopes: ["cri": 2],
                other: 4))
    }

    func testKubectlLogsPrefixAndTimestamps() throws {
        try check(
            "envelope-kubectl-prefix.log",
            Expected(records: 3, verdicts: ["pid_max"], hosts: ["app-3"], envelopes: ["kubectl-logs": 3], other: 2))
    }

    /// A string MESSAGE, a byte-array MESSAGE, and a null one (over 4096
    /// bytes without --all), which may have been a record: malformed.
    func testJournaldJSON() throws {
        try check(
            "envelope-journald.json",
            Expected(
                records: 2, verdicts: ["rlimit_nproc", "cgroup_pids_limit"], hosts: ["build-2", "node-4"],
                envelopes: ["journald": 2], other: 1, malformed: 1))
    }

    func testVectorMessageAndParsedRecord() throws {
        try check(
            "envelope-vector.jsonl",
            Expected(
                records: 3, verdicts: ["cgroup_pids_limit"], hosts: ["node-4", "web-7"],
                envelopes: ["vector": 2, "parsed-by-shipper": 1]))
        let parsed = try XCTUnwrap(Fixture.records("envelope-vector.jsonl").last)
        XCTAssertEqual(parsed.host, "web-7", "the record's own fields, not the shipper's")
    }

    func testFluentBitJSONLinesAndFileOutput() throws {
        try check(
            "envelope-fluent-bit.log",
            Expected(records: 3, verdicts: ["pid_max"], hosts: ["app-3"], envelopes: ["fluent-bit": 3]))
    }

    func testLogcliJSONL() throws {
        try check(
            "envelope-loki.jsonl",
            Expected(records: 3, verdicts: ["cgroup_pids_limit"], hosts: ["node-4", "web-7"], envelopes: ["loki": 3]))
    }

    func testLokiQueryRangeResponse() throws {
        try check(
            "envelope-loki-query-range.json",
            Expected(
                records: 4, verdicts: ["pid_max", "rlimit_nproc"], hosts: ["app-3", "build-2"], envelopes: ["loki": 4]))
    }

    /// `_search?pretty`: one document over many lines.
    func testElasticsearchSearchResponse() throws {
        try check(
            "envelope-elasticsearch-search.json",
            Expected(
                records: 3, verdicts: ["cgroup_pids_limit"], hosts: ["node-4", "web-7"],
                envelopes: ["elasticsearch": 3]))
    }

    func testElasticsearchSourcePerLine() throws {
        try check(
            "envelope-elasticsearch-source.jsonl",
            Expected(
                records: 3, verdicts: ["cgroup_pids_limit"], hosts: ["node-4", "web-7"],
                envelopes: ["json-message": 2, "fluent-bit": 1]))
    }

    func testRsyslogJSONMessage() throws {
        try check(
            "envelope-rsyslog.jsonl",
            Expected(records: 2, verdicts: ["pid_max"], hosts: ["app-3"], envelopes: ["rsyslog": 2]))
    }

    /// Every format at once, as a merged stream from many hosts: each
    /// record counted once, under its envelope.
    func testAllFormatsMerged() throws {
        let names = try FileManager.default.contentsOfDirectory(
            atPath: URL(fileURLWithPath: try Fixture.path("envelope-cri.log")).deletingLastPathComponent().path
        ).filter { $0.hasPrefix("envelope-") }.sorted()
        XCTAssertEqual(names.count, 11)
        let text = try names.map { try String(contentsOfFile: try Fixture.path($0), encoding: .utf8) }.joined()
        let path = try Fixture.temporaryFile(text)
        defer { unlink(path) }
        let merged = try ReportBuilder().build(from: [LogSource(path: path)])
        let separate = try Fixture.report(names)
        XCTAssertEqual(merged.files.first?.records, separate.files.reduce(0) { $0 + $1.records })
        XCTAssertEqual(merged.files.first?.otherLines, separate.files.reduce(0) { $0 + $1.otherLines })
        XCTAssertEqual(ReportSummary(merged).envelopes, ReportSummary(separate).envelopes)
        XCTAssertEqual(ReportSummary(merged).hosts, ["app-3", "build-2", "node-4", "web-7"])
    }
}
