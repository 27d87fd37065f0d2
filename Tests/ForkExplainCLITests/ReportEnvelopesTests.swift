import Foundation
import XCTest

/// `report -` on what comes back from log pipelines, merged from many
/// hosts: envelopes of every kind and the programs' own output in one
/// stream, read without configuration (docs/shipping.md, "What report -
/// unwraps").
final class ReportEnvelopesTests: XCTestCase {
    private func text(_ fixture: String) throws -> String {
        try String(contentsOfFile: ForkExplainCommand.fixture(fixture), encoding: .utf8)
    }

    /// Docker's and containerd's files of two pods, `kubectl logs` of a
    /// third, a Loki response and bare records, in one stream.
    private func mixedStream() throws -> Data {
        let parts = [
            "envelope-docker-json-file.log", "envelope-cri.log", "envelope-kubectl-prefix.log",
            "envelope-loki-query-range.json", "memory-exhausted.jsonl",
        ]
        return Data(try parts.map(text).joined().utf8)
    }

    func testReportStandardInputUnwrapsAMixedStream() throws {
        let result = try ForkExplainCommand.run(["report", "-"], input: try mixedStream())
        XCTAssertEqual(result.status, 0, result.standardError)
        let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(
            lines.first.map(String.init),
            "310 failures in 6 incidents: pid_max 300, memory_exhausted 4, cgroup_pids_limit 3, rlimit_nproc 3; "
                + "hosts app-3, batch-9, build-2, node-4, web-7; "
                + "records from Docker json-file 1, CRI (containerd, CRI-O) 2, kubectl logs 3, Loki 4",
            result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains("cgroup_pids_limit — "), result.standardOutput)
        XCTAssertTrue(
            result.standardOutput.contains(
                "Lines that are not records (the program's own output): 10 in standard input"), result.standardOutput)
        XCTAssertFalse(result.standardOutput.contains("malformed"), result.standardOutput)
        XCTAssertEqual(result.standardError, "")
    }

    func testTheJSONReportCountsEnvelopesAndOtherLines() throws {
        let result = try ForkExplainCommand.run(["report", "--format", "json", "-"], input: try mixedStream())
        XCTAssertEqual(result.status, 0, result.standardError)
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        let summary = try XCTUnwrap(object?["summary"] as? [String: Any], result.standardOutput)
        let envelopes = try XCTUnwrap(summary["envelopes"] as? [[String: Any]])
        XCTAssertEqual(
            envelopes.map { $0["envelope"] as? String }, ["docker-json-file", "cri", "kubectl-logs", "loki"])
        XCTAssertEqual(envelopes.map { $0["records"] as? Int }, [1, 2, 3, 4])
        let files = try XCTUnwrap(object?["files"] as? [[String: Any]])
        XCTAssertEqual(files.first?["other_lines"] as? Int, 10)
        XCTAssertEqual(files.first?["skipped_lines"] as? Int, 0)
    }

    /// A file argument is read the same way as standard input.
    func testReportFileUnwrapsToo() throws {
        let result = try ForkExplainCommand.run("report", ForkExplainCommand.fixture("envelope-journald.json"))
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(
            result.standardOutput.hasPrefix(
                "4 failures in 2 incidents: rlimit_nproc 3, cgroup_pids_limit 1; hosts build-2, node-4; "
                    + "records from journald JSON 2\n"), result.standardOutput)
    }

    /// Container output with no record in it: no failures, exit 0, not
    /// "not a forkexplain log".
    func testContainerOutputWithoutRecordsIsNoFailure() throws {
        let input = Data(
            #"{"log":"listening on :8080\n","stream":"stdout","time":"2026-11-26T11:45:10Z"}"#.utf8 + [0x0A])
        let result = try ForkExplainCommand.run(["report", "-"], input: input)
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(
            result.standardOutput.hasPrefix("no failures recorded in standard input\n"), result.standardOutput)
    }
}
