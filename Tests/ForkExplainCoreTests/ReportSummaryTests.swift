import XCTest

@testable import ForkExplainCore

/// The report's first line, its JSON twin, the thread line and the colors.
final class ReportSummaryTests: XCTestCase {
    func testSummaryCountsVerdictsAndHosts() throws {
        let report = try Fixture.report(["centos7-pid-max.jsonl", "cgroup-pids-parent.jsonl"])
        let summary = ReportSummary(report)
        XCTAssertEqual(summary.failures, report.failureCount)
        XCTAssertEqual(summary.incidents, 2)
        XCTAssertEqual(summary.hosts, ["app-3", "node-4"])
        XCTAssertEqual(summary.verdicts.map(\.verdict), ["pid_max", "cgroup_pids_limit"])
        XCTAssertEqual(summary.verdicts.map(\.failures).reduce(0, +), summary.failures)
        XCTAssertEqual(
            summary.line,
            "\(summary.failures) failures in 2 incidents: pid_max \(summary.verdicts[0].failures), "
                + "cgroup_pids_limit 1; hosts app-3, node-4")
    }

    func testTextAndMarkdownOpenWithTheSummary() throws {
        let report = try Fixture.report(["cgroup-pids-parent.jsonl"])
        let line = "1 failure in 1 incident: cgroup_pids_limit 1; host node-4"
        XCTAssertTrue(TextRenderer().render(report).hasPrefix(line + "\n\n"), TextRenderer().render(report))
        XCTAssertTrue(MarkdownRenderer().render(report).hasPrefix("## forkexplain report\n\n**\(line)**\n\n"))
    }

    func testThreadNameIsShown() throws {
        let report = try Fixture.report(["workloads.jsonl"])
        let text = TextRenderer().render(report)
        XCTAssertTrue(text.contains("  Thread: \"pool-3-thread-7\" (tid 97) of java (pid 41)\n"), text)
        XCTAssertTrue(
            MarkdownRenderer().render(report).contains("Thread: \"pool-3-thread-7\" (tid 97) of java (pid 41)."))
        let json = try JSONRenderer().render(report)
        XCTAssertTrue(json.contains(#""thread" : "pool-3-thread-7""#), json)
        XCTAssertTrue(json.contains(#""threads" : ["#), json)
    }

    func testColorOnlyWhereAsked() throws {
        let report = try Fixture.report(["cgroup-pids-parent.jsonl"])
        let plain = TextRenderer(style: .plain).render(report)
        XCTAssertFalse(plain.contains("\u{1B}"))
        let colored = TextRenderer(style: .color).render(report)
        XCTAssertTrue(colored.contains("\u{1B}[1;33mcgroup_pids_limit\u{1B}[0m — "), colored)
        // Without the escapes, the same report.
        XCTAssertEqual(
            colored.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression), plain)
    }

    func testColorChoice() {
        let tty = true
        XCTAssertTrue(ColorChoice.auto.style(environment: [:], standardOutputIsTerminal: tty).enabled)
        XCTAssertFalse(ColorChoice.auto.style(environment: [:], standardOutputIsTerminal: false).enabled)
        XCTAssertFalse(ColorChoice.auto.style(environment: ["NO_COLOR": "1"], standardOutputIsTerminal: tty).enabled)
        XCTAssertTrue(
            ColorChoice.auto.style(environment: ["NO_COLOR": ""], standardOutputIsTerminal: tty).enabled,
            "an empty NO_COLOR is unset (no-color.org)")
        XCTAssertFalse(ColorChoice.auto.style(environment: ["TERM": "dumb"], standardOutputIsTerminal: tty).enabled)
        XCTAssertTrue(ColorChoice.always.style(environment: ["NO_COLOR": "1"], standardOutputIsTerminal: false).enabled)
        XCTAssertFalse(ColorChoice.never.style(environment: [:], standardOutputIsTerminal: tty).enabled)
    }

    func testUnnamedFramesShowTheirBuildID() throws {
        let report = try Fixture.report(["mixed.jsonl"])
        XCTAssertTrue(TextRenderer().render(report).contains("#0 /usr/bin/bash+0x5b2c3 (build-id a1b2c3d4)\n"))
    }

    func testOnlyHexBuildIDsAreFetched() {
        XCTAssertTrue(DebuginfodClient.isBuildID("8b3033caf7b79bae64c3dfb75218c13bebed5093"))
        for bad in ["", "a", "8B30", "../etc", "zz", String(repeating: "ab", count: 65)] {
            XCTAssertFalse(DebuginfodClient.isBuildID(bad), bad)
        }
        XCTAssertNil(DebuginfodClient(environment: ["PATH": "/usr/bin:/bin"]), "no DEBUGINFOD_URLS, no client")
        XCTAssertNil(DebuginfodClient(environment: ["PATH": "/usr/bin:/bin", "DEBUGINFOD_URLS": " "]))
    }
}
