import Foundation
import XCTest

/// `explain --format` as a user types it: the option before the message,
/// whose words, dashes included, are all the message's.
final class ExplainFormatCommandTests: XCTestCase {
    private static let bash = ["-bash:", "fork:", "retry:", "No", "child", "processes"]

    func testJSONBeforeADashedMessage() throws {
        for arguments in [
            ["explain", "--format", "json"] + Self.bash,
            ["explain", "--format=json", "-bash: fork: retry: No child processes"],
            ["explain", "--format", "json", "--"] + Self.bash,
        ] {
            let result = try ForkExplainCommand.run(arguments)
            XCTAssertEqual(result.status, 0, "\(arguments): \(result.standardError)")
            XCTAssertTrue(result.standardOutput.hasSuffix("}\n"), result.standardOutput)
            let object = try XCTUnwrap(
                try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
            XCTAssertEqual(object["schema"] as? Int, 1)
            XCTAssertEqual(object["program"] as? String, "bash", "\(arguments)")
            XCTAssertEqual(object["errnos"] as? [String], ["EAGAIN"])
            let read = object["lines_read"] as? [[String: Any]]
            XCTAssertEqual(read?.first?["text"] as? String, "-bash: fork: retry: No child processes", "\(arguments)")
        }
    }

    func testMarkdownFromStandardInput() throws {
        let log = "Last login: today\n-bash: fork: Resource temporarily unavailable\n"
        let result = try ForkExplainCommand.run(["explain", "--format", "markdown", "-"], input: Data(log.utf8))
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(
            result.standardOutput.hasPrefix(
                "## forkexplain explain\n\nRead 1 of 2 lines, the ones that name a failure:\n```text\n2| -bash: fork: Resource temporarily unavailable\n```\n"
            ), result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains("\n1. **"), result.standardOutput)
    }

    /// The text stays what it was without the option.
    func testTextIsTheDefault() throws {
        let plain = try ForkExplainCommand.run(["explain"] + Self.bash)
        let text = try ForkExplainCommand.run(["explain", "--format", "text"] + Self.bash)
        XCTAssertEqual(plain.status, 0)
        XCTAssertEqual(plain.standardOutput, text.standardOutput)
    }

    func testABadFormatIsAUsageError() throws {
        let result = try ForkExplainCommand.run(["explain", "--format", "xml"] + Self.bash)
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.standardOutput, "")
        XCTAssertTrue(
            result.standardError.contains("'xml' is invalid for '--format <format>'")
                && result.standardError.contains("'text', 'markdown' or 'json'"), result.standardError)
        let missing = try ForkExplainCommand.run(["explain", "--format"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.standardError.contains("Missing value for '--format <format>'"), missing.standardError)
    }

    /// After `--`, or after the message's first word, `--format` is words
    /// of the message, as every word there is.
    func testAfterTheMessageAnOptionIsTheMessages() throws {
        let dashed = try ForkExplainCommand.run("explain", "--", "--format")
        XCTAssertEqual(dashed.status, 0, dashed.standardError)
        XCTAssertTrue(dashed.standardOutput.hasPrefix("\"--format\": no failed process or thread creation is named."))
        let later = try ForkExplainCommand.run("explain", "fork", "failed", "--format", "json")
        XCTAssertEqual(later.status, 0, later.standardError)
        XCTAssertTrue(later.standardOutput.hasPrefix("\"fork failed --format json\": "), later.standardOutput)
    }
}
