import Foundation
import XCTest

@testable import ForkExplainCore

/// `explain --format markdown|json` on messages users pasted: the same
/// reading as the text, every part of it, in the object docs/design.md
/// documents ("explain --format json").
final class ExplanationFormatTests: XCTestCase {
    private func object(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let json = try ExplanationJSONRenderer().render(Explainer.explain(text))
        XCTAssertTrue(json.hasSuffix("}\n"), json, file: file, line: line)
        XCTAssertTrue(json.hasPrefix("{"), json, file: file, line: line)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8))
        return try XCTUnwrap(parsed as? [String: Any], json, file: file, line: line)
    }

    private func markdown(_ text: String) -> String { ExplanationMarkdownRenderer().render(Explainer.explain(text)) }

    static let keys: Set<String> = [
        "schema", "lines_read", "lines_total", "read_whole", "says", "errnos", "kind", "program", "note", "hints",
        "limits_read", "notes", "not_a_task", "known_cause", "causes", "conclusion",
    ]

    /// https://github.com/TritonDataCenter/smartos-live/issues/730: bash
    /// printing the wait's errno in its retry line.
    func testBashsRetryLineAsJSON() throws {
        let object = try object("-bash: fork: retry: No child processes")
        XCTAssertEqual(Set(object.keys), Self.keys)
        XCTAssertEqual(object["schema"] as? Int, 1)
        let read = try XCTUnwrap(object["lines_read"] as? [[String: Any]])
        XCTAssertEqual(read.count, 1)
        XCTAssertEqual(read.first?["number"] as? Int, 1)
        XCTAssertEqual(read.first?["text"] as? String, "-bash: fork: retry: No child processes")
        XCTAssertEqual(object["lines_total"] as? Int, 1)
        XCTAssertEqual(object["read_whole"] as? Bool, false)
        XCTAssertEqual(object["says"] as? String, "EAGAIN while creating a process, printed by bash")
        XCTAssertEqual(object["errnos"] as? [String], ["EAGAIN"])
        XCTAssertEqual(object["kind"] as? String, "process")
        XCTAssertEqual(object["program"] as? String, "bash")
        let note = try XCTUnwrap(object["note"] as? String)
        XCTAssertTrue(note.hasPrefix("bash retries a fork only while it fails with EAGAIN"), note)
        XCTAssertEqual(object["notes"] as? [String], [note])
        XCTAssertEqual(object["hints"] as? [String], [])
        XCTAssertEqual(object["limits_read"] as? [String], [])
        XCTAssertTrue(object["not_a_task"] is NSNull)
        XCTAssertTrue(object["known_cause"] is NSNull)
        let causes = try XCTUnwrap(object["causes"] as? [[String: Any]])
        XCTAssertEqual(
            causes.compactMap { $0["id"] as? String }, ["cgroup_pids_limit", "rlimit_nproc", "pid_max", "threads_max"])
        for cause in causes {
            XCTAssertEqual(Set(cause.keys), ["id", "title", "condition", "checks", "then"])
        }
        XCTAssertEqual(causes[0]["title"] as? String, CauseCatalog.causes["cgroup_pids_limit"]?.title)
        XCTAssertEqual(
            causes[0]["checks"] as? [String], CauseCatalog.causes["cgroup_pids_limit"]?.checks)
        XCTAssertTrue(causes[0]["condition"] is NSNull)
        XCTAssertTrue(causes[0]["then"] is NSNull)
        XCTAssertTrue((causes[1]["condition"] as? String)?.hasPrefix("not for the host's root") ?? false)
        XCTAssertEqual(
            object["conclusion"] as? String,
            "To know which one, run the program under `forkexplain run -- CMD`: the shim records the numbers at the moment of failure."
        )
    }

    /// The popen cause of ENOMEM carries its "Then:" advice into the object.
    func testTheThenAdviceIsKept() throws {
        let causes = try XCTUnwrap(try object("ENOMEM")["causes"] as? [[String: Any]])
        let popen = try XCTUnwrap(causes.first { ($0["then"] as? String) != nil })
        XCTAssertEqual(popen["id"] as? String, "unexplained")
        XCTAssertTrue((popen["then"] as? String)?.contains("forkexplain explain EAGAIN") ?? false)
    }

    /// A pasted excerpt: the lines read by number, and OpenBLAS's printed
    /// RLIMIT_NPROC as a limit read (RealMessageTests' OpenBLAS case).
    func testAnExcerptWithAPrintedLimit() throws {
        let text = """
            OpenBLAS blas_thread_init: pthread_create failed for thread 50 of 64: Resource temporarily unavailable
            OpenBLAS blas_thread_init: RLIMIT_NPROC 4096 current, 513046 max
            """
        let object = try object(text)
        XCTAssertEqual(object["lines_total"] as? Int, 2)
        XCTAssertEqual(object["kind"] as? String, "thread")
        XCTAssertEqual(object["errnos"] as? [String], ["EAGAIN"])
        let limits = try XCTUnwrap(object["limits_read"] as? [String])
        XCTAssertEqual(limits.count, 1)
        XCTAssertTrue(limits[0].hasPrefix("OpenBLAS printed its RLIMIT_NPROC: 4096 (soft), 513046 (hard)"), limits[0])
        XCTAssertTrue((object["notes"] as? [String])?.contains(limits[0]) ?? false)
        let causes = try XCTUnwrap(object["causes"] as? [[String: Any]])
        XCTAssertTrue(causes.contains { $0["id"] as? String == "rlimit_nproc" })
    }

    /// A Lambda traceback: the hosted platform's quota is a hint.
    func testAHostedPlatformsHint() throws {
        let text = """
            File "/var/task/handlers/main.py.py", line 19, in handler
                return ''
              File "/var/task/raven_python_lambda/__init__.py", line 272, in install_timers
                t.start()
              File "/var/lang/lib/python3.6/threading.py", line 846, in start
                _start_new_thread(self._bootstrap, ())
            RuntimeError: can't start new thread
            """
        let object = try object(text)
        let hints = try XCTUnwrap(object["hints"] as? [String])
        XCTAssertEqual(hints.count, 1, "\(object)")
        XCTAssertTrue(hints[0].contains("cannot be increased"), hints[0])
        XCTAssertTrue((object["notes"] as? [String])?.contains(hints[0]) ?? false)
    }

    /// This machine's dmesg after a memory cgroup's OOM kill
    /// (NotATaskExplainTests): no causes, the advice under not_a_task.
    func testAnOOMKillIsNotATask() throws {
        let dmesg = """
            [25304.093309] python3 invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0
            [25304.094016] Memory cgroup out of memory: Killed process 21158 (python3) total-vm:79392kB, anon-rss:16128kB, file-rss:5160kB, shmem-rss:0kB, UID:0 pgtables:96kB oom_score_adj:0
            """
        let object = try object(dmesg)
        let notTask = try XCTUnwrap(object["not_a_task"] as? [String: Any])
        XCTAssertEqual(Set(notTask.keys), ["kind", "summary", "checks", "fix"])
        XCTAssertEqual(notTask["kind"] as? String, "oom_kill")
        XCTAssertFalse((notTask["summary"] as? [String])?.isEmpty ?? true)
        let checks = try XCTUnwrap(notTask["checks"] as? [String])
        XCTAssertEqual(checks.count, 3)
        XCTAssertTrue(checks.allSatisfy { $0.hasPrefix("dmesg") || $0.hasPrefix("grep") || $0.hasPrefix("cat") })
        XCTAssertTrue((notTask["fix"] as? String)?.hasPrefix("give the cgroup or the container more memory") ?? false)
        XCTAssertEqual((object["causes"] as? [Any])?.count, 0)
        XCTAssertTrue(object["conclusion"] is NSNull)
        XCTAssertTrue((object["says"] as? String)?.contains("killed by the OOM killer") ?? false)
        let full = try self.object("write error: No space left on device")
        XCTAssertEqual((full["not_a_task"] as? [String: Any])?["kind"] as? String, "disk_full")
    }

    /// The kernel's own line names the cgroup: a known cause with its fix.
    func testTheKernelsPidsLineIsAKnownCause() throws {
        let object = try object("cgroup: fork rejected by pids controller in /system.slice/nginx.service")
        let known = try XCTUnwrap(object["known_cause"] as? [String: Any])
        XCTAssertEqual(Set(known.keys), ["id", "title", "reason", "checks", "fixes"])
        XCTAssertEqual(known["id"] as? String, "cgroup_pids_limit")
        XCTAssertFalse((known["fixes"] as? [String])?.isEmpty ?? true)
        XCTAssertEqual(object["program"] as? String, "the kernel")
        XCTAssertEqual((object["causes"] as? [Any])?.count, 0)
    }

    /// Every real message: the object parses, and lists the causes the text
    /// lists, in its order.
    func testEveryRealMessageGivesTheTextsCauses() throws {
        for real in RealMessageTests.cases {
            let text = ExplanationRenderer().render(Explainer.explain(real.text))
            let object = try object(real.text, line: real.line)
            XCTAssertEqual(Set(object.keys), Self.keys, line: real.line)
            let ids = (object["causes"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            let listed = text.split(separator: "\n").filter { $0.first?.isNumber ?? false }.compactMap { line in
                line.range(of: " [", options: .backwards).map { String(line[$0.upperBound...].prefix { $0 != "]" }) }
            }
            XCTAssertEqual(ids, listed, real.text, line: real.line)
            let md = markdown(real.text)
            XCTAssertEqual(
                md.split(separator: "\n").filter {
                    $0.range(of: #"^[0-9]+\. \*\*"#, options: .regularExpression) != nil
                }
                .count, ids.count, md, line: real.line)
        }
    }

    func testMarkdownStructure() {
        let md = markdown(
            """
            Last login: Fri Mar 19 20:01:13 2021 from 174.45.68.93
            -bash: fork: retry: Resource temporarily unavailable
            -bash: fork: Resource temporarily unavailable
            """)
        XCTAssertTrue(
            md.hasPrefix(
                """
                ## forkexplain explain

                Read 2 of 3 lines, the ones that name a failure:
                ```text
                2| -bash: fork: retry: Resource temporarily unavailable
                3| -bash: fork: Resource temporarily unavailable
                ```

                **They say:** EAGAIN while creating a process, printed by bash.

                """), md)
        XCTAssertTrue(md.contains("\n**Possible causes, most likely first:**\n\n1. **"), md)
        XCTAssertTrue(md.contains(" (`cgroup_pids_limit`)\n\n   ```sh\n   d=/sys/fs/cgroup"), md)
        XCTAssertTrue(md.contains("\n2. **"), md)
        XCTAssertTrue(md.contains("\n4. **kernel.threads-max reached** (`threads_max`)"), md)
        XCTAssertTrue(md.hasSuffix("the shim records the numbers at the moment of failure.\n"), md)
        let popen = markdown("ENOMEM")
        XCTAssertTrue(popen.contains("   ```\n\n   Then: on 2.29–2.37 the ENOMEM hides the real errno"), popen)
    }

    func testMarkdownOfLinesNoneOfWhichNamesAFailure() {
        let md = markdown("starting worker\nworker exited")
        XCTAssertTrue(
            md.contains(
                "No line names an errno or a failure forkexplain knows; read all 2 lines together:\n```text\n1| starting worker\n2| worker exited\n```\n"
            ), md)
    }

    /// Not a task's failure: the advice a list, its commands a shell block
    /// under their item, and no causes.
    func testMarkdownOfAFullDisk() {
        let md = markdown("write error: No space left on device")
        XCTAssertTrue(md.contains("\n- A write, an open or a mkdir got ENOSPC"), md)
        XCTAssertTrue(md.contains("\n\n  ```sh\n  df -h PATH; df -i PATH"), md)
        XCTAssertFalse(md.contains("$ "), md)
        XCTAssertFalse(md.contains("1. **"), md)
    }

    /// A backtick run in a pasted line cannot close the block it is quoted in.
    func testAPastedFenceStaysQuoted() {
        let md = markdown("sh: ```x```: fork: Resource temporarily unavailable")
        XCTAssertTrue(md.contains("\n````text\nsh: ```x```: fork: Resource temporarily unavailable\n````\n"), md)
    }
    /// A log of 15 refused forks among 30 lines: the text and the Markdown
    /// quote the same first 12 and count the other 3; JSON keeps all 15
    /// (docs/design.md, `lines_read`). main's Markdown quoted all 15.
    func testALongExcerptIsQuotedAsTheTextQuotesIt() throws {
        let log = (1...15).map { "job \($0): fork: Resource temporarily unavailable\njob \($0) done" }
            .joined(separator: "\n")
        let explanation = Explainer.explain(log)
        let text = ExplanationRenderer().render(explanation)
        let quotedMarkdown = markdown(log)
        for rendered in [text, quotedMarkdown] {
            XCTAssertTrue(rendered.contains("23| job 12: fork"), rendered)
            XCTAssertFalse(rendered.contains("25| job 13: fork"), rendered)
            XCTAssertTrue(rendered.contains("(and 3 more)"), rendered)
        }
        XCTAssertTrue(text.contains("\n  (and 3 more)\n"), text)
        XCTAssertTrue(
            quotedMarkdown.contains("23| job 12: fork: Resource temporarily unavailable\n```\n\n(and 3 more)\n"),
            quotedMarkdown)
        let read = try XCTUnwrap(try object(log)["lines_read"] as? [[String: Any]])
        XCTAssertEqual(read.map { $0["number"] as? Int }, (0..<15).map { 2 * $0 + 1 })
        XCTAssertEqual(read.last?["text"] as? String, "job 15: fork: Resource temporarily unavailable")
        // Twelve lines or fewer: all quoted, no note.
        let short = Array(log.split(separator: "\n").prefix(24)).joined(separator: "\n")
        XCTAssertFalse(markdown(short).contains("more)"))
        XCTAssertTrue(markdown(short).contains("23| job 12: fork"))
    }
}
