import Foundation
import XCTest

@testable import ForkExplainCore

final class RendererTests: XCTestCase {
    func testTextHeadlineAndSections() throws {
        let report = try Fixture.report(["centos7-pid-max.jsonl"])
        let text = TextRenderer().render(report)
        XCTAssertTrue(
            text.hasPrefix(
                "150 failures in 1 incident: pid_max 150; host app-3\n\n"
                    + "pid_max — PID exhaustion on the host (kernel.pid_max): 150 failures of fork (ENOMEM), pthread_create (EAGAIN) by bash (pid 31877), java (pid 20417), 2026-11-26 15:30:01–15:30:03 UTC on host app-3\n"
            ), text)
        XCTAssertTrue(
            text.contains(
                "  Why:\n    - kernel/pid.c alloc_pid(): no free PID number below pid_max → -ENOMEM on kernel 3.10.0"))
        XCTAssertTrue(
            text.contains(
                "    - ENOMEM here does not mean memory: on kernel 3.10.0 PID exhaustion is reported as ENOMEM"))
        XCTAssertTrue(text.contains("alloc_pid() hands out only 300–32767"))
        XCTAssertTrue(text.contains("  Fix:\n"))
        XCTAssertTrue(text.contains("    - java (pid 20417, uid 1001): 14212 threads"))
        // The first line has said how many; nothing was skipped, so no closing line.
        XCTAssertFalse(text.contains("events ("), text)
        XCTAssertEqual(text.components(separatedBy: "1 incident").count, 2, text)
        XCTAssertTrue(text.hasSuffix("\n") && !text.hasSuffix("\n\n"), text)
    }

    func testTextShowsFramesWithSymbolsWhenKnown() throws {
        let report = try Fixture.report(["pidns-init-dead.jsonl"])
        let plain = TextRenderer().render(report)
        XCTAssertTrue(plain.contains("    #0 /usr/bin/bash+0x5b2c3 (build-id a1b2c3d4)\n"))
        // Symbols are per build: the key carries the frame's logged build-id.
        let frame = try XCTUnwrap(report.incidents.first?.latest.record.backtrace?.first)
        XCTAssertEqual(frame.module, "/usr/bin/bash")
        let key = try XCTUnwrap(FrameKey(frame))
        let named = TextRenderer(symbols: [key: "make_child"]).render(report)
        XCTAssertTrue(named.contains("    #0 /usr/bin/bash+0x5b2c3 make_child\n"))
    }

    /// The text report ends as the Markdown one does, naming what named
    /// the frames, and only when it named any: a report of addresses
    /// alone, or of no failure, is the same with or without a symbolizer.
    func testTextSaysWhichSymbolizerNamedItsFrames() throws {
        let report = try Fixture.report(["pidns-init-dead.jsonl"])
        let frame = try XCTUnwrap(report.incidents.first?.latest.record.backtrace?.first)
        let symbols = [try XCTUnwrap(FrameKey(frame)): "make_child"]
        let name = "/opt/llvm/bin/llvm-symbolizer (LLVM 21.0.0)"
        XCTAssertEqual(
            TextRenderer(symbols: symbols, symbolizer: name).render(report),
            TextRenderer(symbols: symbols).render(report) + "\nllvm-symbolizer: \(name).\n")
        XCTAssertEqual(
            TextRenderer(symbolizer: NoSymbolizer().name).render(report), TextRenderer().render(report))
        let none = try Fixture.report(["mixed.jsonl"], filter: EventFilter(pid: 1))
        XCTAssertEqual(TextRenderer(symbolizer: name).render(none), TextRenderer().render(none))
    }

    func testSummaryMentionsSkippedLinesAndNewerSchema() throws {
        let report = try Fixture.report(["mixed.jsonl"])
        let summary = try XCTUnwrap(IncidentText.closingNotes(report))
        XCTAssertTrue(summary.hasPrefix("Skipped malformed lines: 1 in "), summary)
        XCTAssertFalse(summary.contains("incident"), summary)
        XCTAssertTrue(summary.contains("lines that are not records (the program's own output): 3 in "), summary)
        XCTAssertTrue(summary.contains("schema newer than 1"))
    }

    func testEmptyReportSaysSo() throws {
        let path = try Fixture.temporaryFile("")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let report = try ReportBuilder().build(from: [LogSource(path: path)])
        XCTAssertTrue(TextRenderer().render(report).hasPrefix("no failures recorded in \(path)\n"))
    }

    /// A ticket gets the frames that matter, the C library's and the first
    /// few of the program's, and a count of the rest; the text report keeps all.
    func testMarkdownShowsTheFramesThatMatterAndTextKeepsAll() throws {
        var record = try Fixture.record("pidns-init-dead.jsonl")
        let libc = BacktraceFrame(addr: "0x7f0", module: "/usr/lib/x86_64-linux-gnu/libc.so.6", offset: "0x10")
        let own = (0..<24).map { BacktraceFrame(addr: "0x\($0)", module: "/usr/bin/app", offset: "0x\($0)0") }
        record.backtrace = [libc] + own
        let report = ReportBuilder().build(records: [record])
        let markdown = MarkdownRenderer().render(report)
        XCTAssertTrue(markdown.contains("#0 /usr/lib/x86_64-linux-gnu/libc.so.6+0x10"), markdown)
        XCTAssertTrue(markdown.contains("#6 /usr/bin/app+0x50"), markdown)
        XCTAssertFalse(markdown.contains("#7 "), markdown)
        XCTAssertTrue(
            markdown.contains("... 18 more frames (the text report, forkexplain report, shows them all)"), markdown)
        // The full text report still shows every frame.
        XCTAssertTrue(TextRenderer().render(report).contains("#24 /usr/bin/app+0x230"))
    }

    /// The holders are the /proc scan's: every process the failing one saw,
    /// not the cgroup's; under a cgroup's verdict the heading says so.
    func testTopHoldersSayWhatTheyCover() throws {
        let cgroup = try Fixture.report(["cgroup-pids-parent.jsonl"])
        let text = TextRenderer().render(cgroup)
        XCTAssertTrue(text.contains(", in this cgroup or not"), text)
        XCTAssertTrue(MarkdownRenderer().render(cgroup).contains(", in this cgroup or not"))
        XCTAssertFalse(TextRenderer().render(try Fixture.report(["centos7-pid-max.jsonl"])).contains("this cgroup"))
    }

    /// Holders of one PID each (kernel threads, single-threaded processes)
    /// are one line, not a list that hides the few that hold many.
    func testHoldersOfOnePIDAreOneLine() {
        let holders = [
            PIDHolder(pid: 1, comm: "process_api", threads: 14), PIDHolder(pid: 26369, comm: "memfd", threads: 3),
            PIDHolder(pid: 2, comm: "kthreadd", threads: 1), PIDHolder(pid: 3, comm: "kworker/R-rcu_gp", threads: 1),
        ]
        XCTAssertEqual(
            IncidentText.holderLines(holders, limit: 8),
            [
                "process_api (pid 1): 14 threads", "memfd (pid 26369): 3 threads", "the others hold one PID each",
            ])
        XCTAssertEqual(IncidentText.holderLines(holders, limit: 1), ["process_api (pid 1): 14 threads"])
        XCTAssertEqual(
            IncidentText.holderLines(Array(holders.suffix(2)), limit: 8),
            ["every process holds one PID: none has more than one thread or an unreaped child"])
        XCTAssertEqual(
            IncidentText.holderLines([PIDHolder(pid: 5, comm: "sh", threads: 1, zombies: 4)], limit: 8),
            ["sh (pid 5): 1 thread, 4 zombies"])
    }

    func testMarkdownHasTableAndSections() throws {
        let report = try Fixture.report(["cgroup-pids-parent.jsonl", "commit-limit-mode2.jsonl"])
        let markdown = MarkdownRenderer().render(report)
        XCTAssertTrue(markdown.hasPrefix("## forkexplain report\n"))
        XCTAssertTrue(markdown.contains("| verdict | binding limit | count | first | last | host |"))
        XCTAssertTrue(
            markdown.contains(
                "| `commit_limit` | CommitLimit (vm.overcommit_memory 2) | 1 | 2026-11-26 09:12:44 | 2026-11-26 09:12:44 | cache-1 |"
            ))
        XCTAssertTrue(markdown.contains("### 2. cgroup_pids_limit — "))
        XCTAssertTrue(markdown.contains("**Evidence**"))
        XCTAssertTrue(
            markdown.contains("```\n#0 /opt/java/openjdk/lib/server/libjvm.so+0xe8ae40 (build-id c0ffee)\n```"))
    }

    func testJSONShape() throws {
        let report = try Fixture.report(["centos7-pid-max.jsonl", "mixed.jsonl"])
        let data = Data(try JSONRenderer().render(report).utf8)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(
            Set(object.keys),
            [
                "schema", "summary", "events", "incidents", "skipped_lines", "malformed_lines", "other_lines",
                "files", "newer_schema", "symbolizer",
            ])
        XCTAssertEqual(object["schema"] as? Int, 1)
        XCTAssertEqual(object["symbolizer"] as? String, "none found: frames are addresses")
        // Every line not read as a record, as the contract has always counted.
        XCTAssertEqual(object["skipped_lines"] as? Int, 4)
        XCTAssertEqual(object["malformed_lines"] as? Int, 1)
        XCTAssertEqual(object["other_lines"] as? Int, 3)
        XCTAssertEqual(object["newer_schema"] as? Bool, true)

        let files = try XCTUnwrap(object["files"] as? [[String: Any]])
        XCTAssertEqual(files.count, 2)
        XCTAssertEqual(files[1]["records"] as? Int, 3)
        XCTAssertEqual(files[1]["skipped_lines"] as? Int, 1)
        XCTAssertEqual(files[1]["other_lines"] as? Int, 3)

        let events = try XCTUnwrap(object["events"] as? [[String: Any]])
        let bash = try XCTUnwrap(events.first)
        for key in [
            "verdict", "family", "confidence", "evidence", "advice", "call", "errno", "errno_number", "pid", "host",
            "time", "binding_limit", "kernel_rule", "misleading", "count",
        ] {
            XCTAssertNotNil(bash[key], "event lacks \(key)")
        }
        XCTAssertEqual(bash["verdict"] as? String, "pid_max")
        XCTAssertEqual(bash["family"] as? String, "pid_exhaustion")
        XCTAssertEqual(bash["errno"] as? String, "ENOMEM")
        XCTAssertEqual(bash["errno_number"] as? Int, 12)
        XCTAssertEqual(bash["binding_limit"] as? String, "kernel.pid_max (host)")
        XCTAssertEqual(events[1]["count"] as? Int, 149)

        let incidents = try XCTUnwrap(object["incidents"] as? [[String: Any]])
        let first = try XCTUnwrap(incidents.first)
        for key in [
            "verdict", "family", "confidence", "evidence", "advice", "binding_limit", "count", "first", "last", "host",
            "pids", "calls",
        ] {
            XCTAssertNotNil(first[key], "incident lacks \(key)")
        }
        XCTAssertEqual(first["count"] as? Int, 150)
        XCTAssertEqual(first["pids"] as? [Int], [31877, 20417])
    }

    /// Which llvm-symbolizer named the frames, where a ticket's reader
    /// looks: the Markdown report's last line, after what it was without;
    /// the JSON report's `symbolizer`, as its symbolizer says it.
    func testTheReportSaysWhichSymbolizerRan() throws {
        struct Named: Symbolizer {
            func symbolize(_ frames: [BacktraceFrame]) -> [FrameKey: String] { [:] }
            var name: String { "/opt/llvm/bin/llvm-symbolizer (LLVM 21.0.0)" }
        }
        let none = try Fixture.report(["mixed.jsonl"], filter: EventFilter(pid: 1))
        XCTAssertTrue(none.incidents.isEmpty)
        for report in [try Fixture.report(["cgroup-pids-parent.jsonl", "commit-limit-mode2.jsonl"]), none] {
            let without = MarkdownRenderer().render(report)
            XCTAssertEqual(
                MarkdownRenderer(symbolizer: Named().name).render(report),
                without + "\nllvm-symbolizer: /opt/llvm/bin/llvm-symbolizer (LLVM 21.0.0).\n")
            XCTAssertEqual(
                MarkdownRenderer(symbolizer: NoSymbolizer().name).render(report),
                without + "\nllvm-symbolizer: none found: frames are addresses.\n")
            let object = try XCTUnwrap(
                JSONSerialization.jsonObject(with: Data(try JSONRenderer(symbolizer: Named()).render(report).utf8))
                    as? [String: Any])
            XCTAssertEqual(object["symbolizer"] as? String, "/opt/llvm/bin/llvm-symbolizer (LLVM 21.0.0)")
        }
    }

    func testJSONOmitsAbsentMisleadingNote() throws {
        let report = try Fixture.report(["memory-exhausted.jsonl"])
        let object =
            try JSONSerialization.jsonObject(with: Data(try JSONRenderer().render(report).utf8)) as? [String: Any]
        let event = try XCTUnwrap((object?["events"] as? [[String: Any]])?.first)
        XCTAssertNil(event["misleading"])
        XCTAssertEqual(event["verdict"] as? String, "memory_exhausted")
        XCTAssertEqual(event["count"] as? Int, 4)
    }

    func testSymbolizerIsAskedOnlyForShownFrames() throws {
        struct Recording: Symbolizer {
            var name: String { "a test's" }
            func symbolize(_ frames: [BacktraceFrame]) -> [FrameKey: String] {
                Dictionary(uniqueKeysWithValues: frames.compactMap(FrameKey.init).map { ($0, "sym_\($0.offset)") })
            }
        }
        let report = try Fixture.report(["centos7-pid-max.jsonl"])
        // The incident's latest event is java's, which has no backtrace.
        XCTAssertEqual(report.symbols(using: Recording()).count, 0)
        let bash = try Fixture.report(["centos7-pid-max.jsonl"], filter: EventFilter(pid: 31877))
        XCTAssertEqual(bash.symbols(using: Recording()).values.sorted(), ["sym_0x432a10", "sym_0x4452c3"])
    }
}
