import Foundation
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// `report DIR` on a per-node log directory and `report -` on the merged
/// lines of many hosts, as a log store gives them back (docs/shipping.md).
final class NodeLogTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "/forkexplain-nodelog-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func place(_ fixture: String, as name: String) throws -> String {
        let path = directory + "/" + name
        try FileManager.default.copyItem(atPath: ForkExplainCommand.fixture(fixture), toPath: path)
        return path
    }

    private func json(_ result: ForkExplainCommand.Result) throws -> [String: Any] {
        XCTAssertEqual(result.status, 0, result.standardError)
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
        return try XCTUnwrap(object as? [String: Any], result.standardOutput)
    }

    func testReportReadsEveryLogOfANodeDirectory() throws {
        _ = try place("rlimit-nproc.jsonl", as: "forkexplain-\(geteuid()).jsonl")
        _ = try place("centos7-pid-max.jsonl", as: "forkexplain-\(geteuid()).jsonl.1")
        _ = try place("not-a-log.txt", as: "notes.txt")
        // A FIFO with a log's name is passed over, never opened.
        XCTAssertEqual(mkfifo(directory + "/planted.jsonl", 0o600), 0)

        let report = try json(try ForkExplainCommand.run(["report", "--format", "json", directory]))
        let files = try XCTUnwrap(report["files"] as? [[String: Any]])
        XCTAssertEqual(files.count, 2, "\(files)")
        XCTAssertEqual((report["events"] as? [Any])?.count, 3)
    }

    /// `report /tmp` finds other programs' `.jsonl` beside the shim's
    /// fallback log: they are passed over, each said, and the log read.
    func testReportPassesOverAnotherProgramsJSONLinesInADirectory() throws {
        _ = try place("rlimit-nproc.jsonl", as: "forkexplain-\(geteuid()).jsonl")
        _ = try place("not-a-log.txt", as: "eslint-cache.jsonl")
        for format in ["text", "json"] {
            let result = try ForkExplainCommand.run(["report", "--format", format, directory])
            XCTAssertEqual(result.status, 0, result.standardError)
            XCTAssertEqual(
                result.standardError,
                "forkexplain: warning: passed over \(directory)/eslint-cache.jsonl, found in the directory: "
                    + "not a forkexplain log (no line has a schema and type field)\n")
            XCTAssertFalse(result.standardOutput.isEmpty)
        }
        // Named, it is still an error; and a directory of nothing else.
        let named = try ForkExplainCommand.run(["report", directory + "/eslint-cache.jsonl"])
        XCTAssertEqual(named.status, 2, named.standardError)
        XCTAssertEqual(unlink(directory + "/forkexplain-\(geteuid()).jsonl"), 0)
        let alone = try ForkExplainCommand.run(["report", directory])
        XCTAssertEqual(alone.status, 2, alone.standardError)
        XCTAssertTrue(alone.standardError.contains("eslint-cache.jsonl is not a forkexplain log"), alone.standardError)
    }

    func testReportWarnsOfAFileNotOwnedByTheUidItIsNamedFor() throws {
        let path = try place("rlimit-nproc.jsonl", as: "forkexplain-4242.jsonl")
        // Root's own file would be trusted: as root, give it to another uid.
        if geteuid() == 0 { XCTAssertEqual(chown(path, 4243, 4243), 0) }
        let result = try ForkExplainCommand.run(["report", directory])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(
            result.standardError.contains("forkexplain-4242.jsonl is owned by uid")
                && result.standardError.contains("not by uid 4242"), result.standardError)
    }

    /// What comes back from Loki or Elasticsearch: several hosts' lines,
    /// interleaved. Incidents stay apart by host.
    func testReportOfMergedHostsFromStandardInput() throws {
        let logs = try ["centos7-pid-max.jsonl", "rlimit-nproc.jsonl", "cgroup-pids-parent.jsonl"].map {
            try String(contentsOfFile: ForkExplainCommand.fixture($0), encoding: .utf8)
                .split(separator: "\n").map(String.init)
        }
        var merged: [String] = []
        for index in 0..<(logs.map(\.count).max() ?? 0) {
            for log in logs where index < log.count { merged.append(log[index]) }
        }
        XCTAssertNotEqual(merged.first?.contains("app-3"), merged.dropFirst().first?.contains("app-3"))

        let input = Data((merged.joined(separator: "\n") + "\n").utf8)
        let report = try json(try ForkExplainCommand.run(["report", "--format", "json", "-"], input: input))
        XCTAssertEqual((report["events"] as? [Any])?.count, 4)
        let incidents = try XCTUnwrap(report["incidents"] as? [[String: Any]])
        XCTAssertEqual(Set(incidents.compactMap { $0["host"] as? String }), ["app-3", "build-2", "node-4"])
        XCTAssertEqual(incidents.filter { $0["host"] as? String == "app-3" }.count, 1, "\(incidents)")

        let text = try ForkExplainCommand.run(["report", "-"], input: input)
        XCTAssertEqual(text.status, 0, text.standardError)
        for host in ["app-3", "build-2", "node-4"] {
            XCTAssertTrue(text.standardOutput.contains("on host \(host)"), text.standardOutput)
        }
    }
}
