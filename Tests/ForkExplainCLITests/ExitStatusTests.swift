import XCTest

/// Exit statuses and one-line errors (docs/design.md; README "report", "check").
final class ExitStatusTests: XCTestCase {
    private func assertOneLineError(
        _ result: ForkExplainCommand.Result, status: Int32, containing text: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(result.status, status, result.standardError, file: file, line: line)
        XCTAssertEqual(result.standardOutput, "", file: file, line: line)
        let lines = result.standardError.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, 2, "one line and its newline: \(result.standardError)", file: file, line: line)
        XCTAssertTrue(result.standardError.hasPrefix("forkexplain: "), result.standardError, file: file, line: line)
        XCTAssertTrue(result.standardError.contains(text), result.standardError, file: file, line: line)
    }

    func testReportOfAMissingFile() throws {
        let result = try ForkExplainCommand.run("report", "/nonexistent/forkexplain.jsonl")
        assertOneLineError(result, status: 2, containing: "cannot read /nonexistent/forkexplain.jsonl")
    }

    func testReportOfTheDefaultLogWhenNothingWasRecorded() throws {
        let result = try ForkExplainCommand.run("report")
        assertOneLineError(result, status: 2, containing: "nothing recorded there yet?")
    }

    func testReportOfAFileThatIsNotALog() throws {
        let result = try ForkExplainCommand.run("report", ForkExplainCommand.fixture("not-a-log.txt"))
        assertOneLineError(result, status: 2, containing: "is not a forkexplain log")
    }

    func testReportBadUsage() throws {
        assertOneLineError(try ForkExplainCommand.run("report", "--bogus"), status: 2, containing: "'--bogus'")
        assertOneLineError(
            try ForkExplainCommand.run("report", "--since", "yesterday"), status: 2, containing: "--since yesterday")
        assertOneLineError(
            try ForkExplainCommand.run("report", "--format", "xml"), status: 2, containing: "xml")
    }

    /// `check` is a monitoring plugin: UNKNOWN (3) with its one line on
    /// stdout, where a plugin host reads it, and the error on stderr.
    private func assertUnknown(
        _ result: ForkExplainCommand.Result, containing text: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(result.status, 3, result.standardError, file: file, line: line)
        let out = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(out.count, 2, "one plugin line: \(result.standardOutput)", file: file, line: line)
        XCTAssertTrue(
            result.standardOutput.hasPrefix("FORKEXPLAIN UNKNOWN - "), result.standardOutput, file: file, line: line)
        XCTAssertTrue(result.standardOutput.contains(text), result.standardOutput, file: file, line: line)
        let err = result.standardError.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(err.count, 2, "one line and its newline: \(result.standardError)", file: file, line: line)
        XCTAssertTrue(result.standardError.hasPrefix("forkexplain: "), result.standardError, file: file, line: line)
        XCTAssertTrue(result.standardError.contains(text), result.standardError, file: file, line: line)
    }

    /// Bad usage is UNKNOWN (3), never swift-argument-parser's 64 nor 2,
    /// which is CRITICAL (docs/monitoring.md).
    func testCheckBadUsageIsUnknown() throws {
        assertUnknown(try ForkExplainCommand.run("check", "--bogus"), containing: "'--bogus'")
        assertUnknown(try ForkExplainCommand.run("check", "--format", "xml"), containing: "xml")
        assertUnknown(try ForkExplainCommand.run("check", "--pid", "x"), containing: "--pid")
        assertUnknown(try ForkExplainCommand.run("check", "--pid"), containing: "--pid")
        assertUnknown(try ForkExplainCommand.run("check", "extra"), containing: "extra")
        assertUnknown(try ForkExplainCommand.run("check", "--need-threads", "0"), containing: "--need-threads")
        assertUnknown(try ForkExplainCommand.run("check", "--need-processes", "many"), containing: "many")
        assertUnknown(
            try ForkExplainCommand.run("check", "--need-threads", "4", "--need-processes", "4"), containing: "not both")
        assertUnknown(try ForkExplainCommand.run("check", "--textfile-dir", ""), containing: "--textfile-dir")
    }

    func testCheckOfAMissingProcessIsUnknown() throws {
        assertUnknown(try ForkExplainCommand.run("check", "--pid", "999999999"), containing: "no process 999999999")
    }

    /// Machines read json and prometheus: an UNKNOWN leaves stdout empty.
    func testCheckUnknownKeepsMachineFormatsClean() throws {
        let result = try ForkExplainCommand.run("check", "--pid", "999999999", "--format", "json")
        assertOneLineError(result, status: 3, containing: "no process 999999999")
    }

    func testCheckOfAZombieIsUnknown() throws {
        // A child that has exited and is not reaped until the shell ends.
        let zombie = try ForkExplainCommand.zombie()
        defer { zombie.end() }
        assertUnknown(try ForkExplainCommand.run("check", "--pid", String(zombie.pid)), containing: "zombie")
    }

    func testCheckOfAnUnwritableTextfileDirectoryIsUnknown() throws {
        assertUnknown(
            try ForkExplainCommand.run("check", "--textfile-dir", "/nonexistent/textfiles"),
            containing: "cannot write the textfile /nonexistent/textfiles/forkexplain.prom")
    }

    func testReportOfALogExitsZero() throws {
        let result = try ForkExplainCommand.run("report", ForkExplainCommand.fixture("centos7-pid-max.jsonl"))
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardError, "")
        XCTAssertTrue(
            result.standardOutput.hasPrefix(
                "150 failures in 1 incident: pid_max 150; host app-3\n\npid_max — PID exhaustion"),
            result.standardOutput)
    }

    func testExplainOfAKnownMessage() throws {
        let result = try ForkExplainCommand.run("explain", "fork: retry: Resource temporarily unavailable")
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardError, "")
        let lines = result.standardOutput.split(separator: "\n")
        XCTAssertEqual(
            lines.first,
            "\"fork: retry: Resource temporarily unavailable\": EAGAIN while creating a process, printed by bash.")
        XCTAssertTrue(
            lines.contains { $0.hasPrefix("1. ") && $0.contains("[cgroup_pids_limit]") }, result.standardOutput)
    }

    /// Without a message `explain` reads standard input (here /dev/null):
    /// nothing there is bad usage too.
    func testExplainWithoutAMessageIsBadUsage() throws {
        assertOneLineError(try ForkExplainCommand.run("explain"), status: 2, containing: "nothing to explain")
    }
}
