import Foundation
import XCTest

/// The help a first-time user reads: reachable from every subcommand, and
/// examples that can be copied whole from an 80-column terminal.
final class HelpTests: XCTestCase {
    static let subcommands = ["run", "report", "check", "explain", "demo", "watch"]

    /// `run` passes every word after its options to the command; `--help`
    /// there is still a request for help, not a program to run.
    func testRunHelpIsHelp() throws {
        for flag in ["--help", "-h"] {
            let result = try ForkExplainCommand.run("run", flag)
            XCTAssertEqual(result.status, 0, result.standardError)
            XCTAssertTrue(result.standardOutput.contains("USAGE: forkexplain run"), result.standardOutput)
            XCTAssertFalse(result.standardError.contains("cannot run"), result.standardError)
        }
    }

    /// After `--` the word is the command's, whatever it looks like: no
    /// help, but an attempt to run it (which fails here, one way or another).
    func testRunAfterDashDashIsNotHelp() throws {
        let result = try ForkExplainCommand.run("run", "--", "--help")
        XCTAssertNotEqual(result.status, 0, result.standardError)
        XCTAssertFalse(result.standardOutput.contains("USAGE:"), result.standardOutput)
        XCTAssertFalse(result.standardError.contains("USAGE:"), result.standardError)
    }

    func testRunUnknownOptionIsBadUsage() throws {
        let result = try ForkExplainCommand.run("run", "--bogus", "true")
        XCTAssertEqual(result.status, 2, result.standardError)
        XCTAssertEqual(result.standardOutput, "")
        XCTAssertTrue(result.standardError.contains("unknown option '--bogus' for run"), result.standardError)
        XCTAssertTrue(result.standardError.contains("-- CMD"), result.standardError)
    }

    /// swift-argument-parser wraps the discussion at the terminal's width
    /// (80 columns into a pipe): an example longer than that would be split,
    /// its tail at the left margin, and could not be pasted as it is.
    func testEveryExampleFitsOnItsLine() throws {
        for command in [[]] + Self.subcommands.map({ [$0] }) {
            let result = try ForkExplainCommand.run(command + ["--help"], environment: ["COLUMNS": "80"])
            XCTAssertEqual(result.status, 0, result.standardError)
            let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
            let start = try XCTUnwrap(lines.firstIndex(of: "Examples:"), "no examples in \(command) --help")
            let examples = lines[(start + 1)...].prefix { !$0.isEmpty }
            XCTAssertFalse(examples.isEmpty, "\(command) --help")
            for example in examples {
                XCTAssertTrue(example.hasPrefix("  "), "\(command) --help: an example was wrapped: \(example)")
            }
        }
    }

    /// A usage error points at the help of the subcommand it was made in.
    func testUsageErrorNamesTheSubcommandsHelp() throws {
        let result = try ForkExplainCommand.run("report", "--format", "xml")
        XCTAssertEqual(result.status, 2, result.standardError)
        XCTAssertTrue(result.standardError.contains("(see `forkexplain report --help`)"), result.standardError)
    }

    /// An empty log is not the end of the ticket: the report says how
    /// failures get recorded and what else to try.
    func testAnEmptyLogSaysWhatToDoNext() throws {
        let path = NSTemporaryDirectory() + "/forkexplain-empty-\(getpid()).jsonl"
        FileManager.default.createFile(atPath: path, contents: Data())
        defer { unlink(path) }
        let result = try ForkExplainCommand.run("report", path)
        XCTAssertEqual(result.status, 0, result.standardError)
        let lines = result.standardOutput.split(separator: "\n")
        XCTAssertTrue(lines.first?.hasPrefix("no failures recorded in ") ?? false, result.standardOutput)
        XCTAssertTrue(lines.count > 1 && lines[1].contains("`forkexplain run -- CMD`"), result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains("`forkexplain check --pid PID`"), result.standardOutput)
    }
}
