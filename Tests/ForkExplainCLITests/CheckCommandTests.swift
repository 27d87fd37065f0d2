import Foundation
import XCTest

/// `check` as a monitoring plugin, a textfile writer and a preflight
/// (docs/monitoring.md), run as the built command on this machine.
final class CheckCommandTests: XCTestCase {
    func testFirstLineIsAPluginLineMatchingTheExitStatus() throws {
        let result = try ForkExplainCommand.run("check")
        let words = [0: "OK", 1: "WARNING", 2: "CRITICAL"]
        let word = try XCTUnwrap(words[Int(result.status)], "status \(result.status): \(result.standardError)")
        let first = try XCTUnwrap(result.standardOutput.split(separator: "\n").first)
        XCTAssertTrue(first.hasPrefix("FORKEXPLAIN \(word) - "), String(first))
        XCTAssertTrue(first.contains(" threads_max_host="), String(first))
    }

    /// More room than any machine has: CRITICAL, naming a limit; one more
    /// task: OK.
    func testPreflightStatus() throws {
        let short = try ForkExplainCommand.run("check", "--need-threads", "4000000000")
        XCTAssertEqual(short.status, 2, short.standardOutput)
        XCTAssertTrue(
            short.standardOutput.hasPrefix("FORKEXPLAIN CRITICAL - room for "), short.standardOutput)
        XCTAssertTrue(short.standardOutput.contains(" more threads, 4000000000 needed: "), short.standardOutput)
        let enough = try ForkExplainCommand.run("check", "--need-processes", "1")
        XCTAssertEqual(enough.status, 0, enough.standardOutput)
        XCTAssertTrue(
            enough.standardOutput.hasPrefix("FORKEXPLAIN OK - room for "), enough.standardOutput)
    }

    func testTextfileIsWrittenWhole() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("forkexplain-tf-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try ForkExplainCommand.run("check", "--textfile-dir", directory.path, "--format", "json")
        XCTAssertTrue([0, 1, 2].contains(result.status), result.standardError)
        XCTAssertTrue(result.standardOutput.hasPrefix("{"), "stdout keeps its own format")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["forkexplain.prom"])
        let file = directory.appendingPathComponent("forkexplain.prom")
        let text = try String(contentsOf: file, encoding: .utf8)
        XCTAssertTrue(
            text.contains("# TYPE forkexplain_check_status gauge\nforkexplain_check_status \(result.status)\n"))
        XCTAssertTrue(text.hasSuffix("\n"))
        let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int)
        XCTAssertEqual(mode, 0o644)
    }
}
