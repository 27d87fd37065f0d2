import Foundation
import XCTest

/// A person's habits with `report`: color on a terminal only, NO_COLOR,
/// `--color`, `--filter`, the summary line first, shell completions.
final class ReportHabitsTests: XCTestCase {
    static let escape = "\u{1B}["
    let log = ForkExplainCommand.fixture("workloads.jsonl")

    func testATerminalGetsColor() throws {
        let result = try ForkExplainCommand.run(["report", log], terminal: true)
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains(Self.escape + "1;33mcgroup_pids_limit"), result.standardOutput)
    }

    func testNoColorOnATerminalWithNO_COLOR() throws {
        let result = try ForkExplainCommand.run(["report", log], environment: ["NO_COLOR": "1"], terminal: true)
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("cgroup_pids_limit — "), result.standardOutput)
        XCTAssertFalse(result.standardOutput.contains(Self.escape), result.standardOutput)
    }

    func testNoColorIntoAPipe() throws {
        let result = try ForkExplainCommand.run("report", log)
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("cgroup_pids_limit — "))
        XCTAssertFalse(result.standardOutput.contains(Self.escape))
    }

    func testColorAlwaysAndNever() throws {
        let always = try ForkExplainCommand.run(["report", "--color", "always", log], environment: ["NO_COLOR": "1"])
        XCTAssertTrue(always.standardOutput.contains(Self.escape + "1;33mcgroup_pids_limit" + Self.escape + "0m"))
        let never = try ForkExplainCommand.run(["report", "--color", "never", log], terminal: true)
        XCTAssertFalse(never.standardOutput.contains(Self.escape))
        let markdown = try ForkExplainCommand.run(["report", "--color", "always", "--format", "markdown", log])
        XCTAssertFalse(markdown.standardOutput.contains(Self.escape), "color is for the terminal report only")
        let bad = try ForkExplainCommand.run("report", "--color", "sometimes", log)
        XCTAssertEqual(bad.status, 2)
    }

    func testTheSummaryComesFirst() throws {
        let result = try ForkExplainCommand.run("report", log)
        let first = result.standardOutput.split(separator: "\n").first.map(String.init)
        XCTAssertEqual(first, "3 failures in 2 incidents: cgroup_pids_limit 3; hosts node-4, web-7")
        let json = try ForkExplainCommand.run("report", "--format", "json", log)
        let object = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        let summary = try XCTUnwrap(object?["summary"] as? [String: Any], json.standardOutput)
        XCTAssertEqual(summary["failures"] as? Int, 3)
        XCTAssertEqual(summary["hosts"] as? [String], ["node-4", "web-7"])
        let verdicts = try XCTUnwrap(summary["verdicts"] as? [[String: Any]])
        XCTAssertEqual(verdicts.first?["verdict"] as? String, "cgroup_pids_limit")
    }

    func testFilterSelects() throws {
        let result = try ForkExplainCommand.run(
            "report", "--format", "json", "--filter", "host=web-7", "--filter", "unit=nginx", log)
        XCTAssertEqual(result.status, 0, result.standardError)
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        let events = try XCTUnwrap(object?["events"] as? [[String: Any]])
        XCTAssertEqual(events.map { $0["pid"] as? Int }, [512])
        XCTAssertEqual(events.first?["thread"] as? String, "nginx")

        let thread = try ForkExplainCommand.run("report", "--filter", "thread=pool-3-thread-7", log)
        XCTAssertTrue(thread.standardOutput.contains("  Thread: \"pool-3-thread-7\" (tid 97) of java (pid 41)"))
        XCTAssertTrue(thread.standardOutput.hasPrefix("1 failure in 1 incident"), thread.standardOutput)
    }

    func testFilterErrors() throws {
        for (filter, text) in [
            ("image=nginx", "--filter key 'image' is unknown; use one of: container, pod, unit, host, thread"),
            ("web-7", "--filter web-7 is not KEY=VALUE"), ("pod=", "--filter pod= needs a value"),
        ] {
            let result = try ForkExplainCommand.run("report", "--filter", filter, log)
            XCTAssertEqual(result.status, 2, filter)
            XCTAssertEqual(result.standardOutput, "")
            XCTAssertTrue(result.standardError.hasPrefix("forkexplain: " + text), result.standardError)
            XCTAssertEqual(result.standardError.split(separator: "\n").count, 1, result.standardError)
        }
    }

    func testHelpShowsFilterExamples() throws {
        let help = try ForkExplainCommand.run("help", "report")
        XCTAssertTrue(help.standardOutput.contains("--filter host=web-7 --filter thread=pool-3-thread-7"))
        XCTAssertTrue(help.standardOutput.contains("--color <color>"), help.standardOutput)
    }

    func testCompletionScripts() throws {
        for (shell, marker, option) in [
            ("bash", "-F _forkexplain forkexplain", "'--filter')"), ("zsh", "#compdef forkexplain", "--filter"),
            ("fish", "complete -c 'forkexplain'", "'filter=+'"),
        ] {
            let result = try ForkExplainCommand.run("--generate-completion-script", shell)
            XCTAssertEqual(result.status, 0, shell)
            XCTAssertTrue(result.standardOutput.contains(marker), "\(shell): \(result.standardOutput.prefix(300))")
            XCTAssertTrue(result.standardOutput.contains(option), "\(shell) completes report --filter")
        }
    }
}
