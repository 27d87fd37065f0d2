import Foundation
import XCTest

/// `explain` as a user runs it: a message pasted as it was printed, dash
/// first, and a log excerpt piped in.
final class ExplainCommandTests: XCTestCase {
    func testAMessageStartingWithADashIsTheMessage() throws {
        for arguments in [
            ["explain", "-bash: fork: retry: No child processes"],
            ["explain", "-bash:", "fork:", "retry:", "No", "child", "processes"],
            ["explain", "--", "-bash: fork: retry: No child processes"],
        ] {
            let result = try ForkExplainCommand.run(arguments)
            XCTAssertEqual(result.status, 0, "\(arguments): \(result.standardError)")
            XCTAssertTrue(
                result.standardOutput.hasPrefix(
                    "\"-bash: fork: retry: No child processes\": EAGAIN while creating a process, printed by bash.\n"),
                "\(arguments): \(result.standardOutput)")
            XCTAssertFalse(result.standardOutput.contains("USAGE"), result.standardOutput)
        }
    }

    func testHelpAloneIsStillHelp() throws {
        let result = try ForkExplainCommand.run("explain", "--help")
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.standardOutput.contains("USAGE: forkexplain explain"), result.standardOutput)
    }

    /// A pasted excerpt: the lines that name a failure are read, and named.
    func testStandardInputIsReadWhenNoMessageIsGiven() throws {
        let log = """
            Last login: Fri Mar 19 20:01:13 2021 from 174.45.68.93
            -bash: fork: retry: Resource temporarily unavailable
            -bash: fork: retry: Resource temporarily unavailable
            -bash: fork: Resource temporarily unavailable
            Dustin.Lind.22@lambda-server:~$ ls

            """
        for arguments in [["explain"], ["explain", "-"]] {
            let result = try ForkExplainCommand.run(arguments, input: Data(log.utf8))
            XCTAssertEqual(result.status, 0, result.standardError)
            XCTAssertTrue(
                result.standardOutput.hasPrefix(
                    """
                    Read lines 2, 4 of 5, the ones that name a failure:
                      2| -bash: fork: retry: Resource temporarily unavailable
                      4| -bash: fork: Resource temporarily unavailable
                    They say: EAGAIN while creating a process, printed by bash.

                    """), result.standardOutput)
        }
    }

    /// A shell session as bash prints it: `$ ulimit -u`, then the soft
    /// limit on the next line (docs/kernel-facts.md §11.103). With another
    /// command between them, its number is not the limit.
    func testAPastedUlimitUAndItsNumberFromARealBash() throws {
        func session(_ script: String) throws -> String {
            try ForkExplainCommand.run(["-c", script], executable: URL(fileURLWithPath: "/bin/bash")).standardOutput
        }
        let fork = "echo 'bash: fork: Resource temporarily unavailable'"
        let set = try session("ulimit -S -u 4096; echo '$ ulimit -u'; ulimit -u; \(fork)")
        XCTAssertTrue(set.hasPrefix("$ ulimit -u\n4096\n"), set)
        let read = try ForkExplainCommand.run(["explain"], input: Data(set.utf8))
        XCTAssertTrue(read.standardOutput.contains("soft limit to 4096"), read.standardOutput)
        let other = try session("echo '$ ulimit -u'; echo '$ nproc'; nproc; \(fork)")
        let unread = try ForkExplainCommand.run(["explain"], input: Data(other.utf8))
        XCTAssertFalse(unread.standardOutput.contains("soft limit to"), unread.standardOutput)
    }

    func testTheKernelsPidsLineFromStandardInputNamesTheOwner() throws {
        let log =
            "[Wed Sep 30 03:58:46 2020] cgroup: fork rejected by pids controller in /system.slice/icinga2.service\n"
        let result = try ForkExplainCommand.run(["explain"], input: Data(log.utf8))
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("Cause: a cgroup's pids.max"), result.standardOutput)
        XCTAssertTrue(
            result.standardOutput.contains("`systemctl set-property icinga2.service TasksMax=N`"), result.standardOutput
        )
    }

    func testEmptyStandardInputIsAOneLineError() throws {
        let result = try ForkExplainCommand.run(["explain"], input: Data("\n".utf8))
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.standardError, "forkexplain: nothing to explain: standard input was empty\n")
        XCTAssertEqual(result.standardOutput, "")
    }

    /// `explain "$MSG"` with MSG unset or blank: bad input, not every cause.
    func testAnEmptyMessageIsAOneLineError() throws {
        for words in [[""], ["  "], ["--", ""]] {
            let result = try ForkExplainCommand.run(["explain"] + words)
            XCTAssertEqual(result.status, 2, "\(words): \(result.standardOutput)")
            XCTAssertEqual(result.standardOutput, "", "\(words)")
            XCTAssertTrue(
                result.standardError.hasPrefix("forkexplain: nothing to explain: the message given is empty;"),
                result.standardError)
            XCTAssertEqual(result.standardError.split(separator: "\n").count, 1, result.standardError)
        }
    }

    /// With nothing given and a person at the terminal, waiting for input
    /// would look like a hang: say what to give instead.
    func testNoMessageAtATerminalSaysWhatToGive() throws {
        let result = try ForkExplainCommand.run(["explain"], terminal: true)
        XCTAssertEqual(result.status, 2, result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains("forkexplain: nothing to explain: give the error message"))
    }
}
