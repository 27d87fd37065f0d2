import XCTest

@testable import ForkExplainCore

/// Texts that are no refused task creation: the OOM killer's, a full disk's,
/// inotify's, and words that name no failure (docs/kernel-facts.md
/// §11.120-§11.122); and the task failures near them that must stay read as
/// they were.
final class NotATaskExplainTests: XCTestCase {
    private func render(_ text: String) -> String { ExplanationRenderer().render(Explainer.explain(text)) }

    /// This machine's dmesg (6.18) after a python3 was killed in a 16 MiB
    /// v1 memory cgroup (scenario 221 makes it again).
    func testTheKernelsMemcgOOMKillIsReadWithItsNumbers() throws {
        let dmesg = """
            [25304.093309] python3 invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0
            [25304.093661]  oom_kill_process.cold+0x8/0x8a
            [25304.093988] oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/forkexplain-221-probe,task_memcg=/forkexplain-221-probe,task=python3,pid=21158,uid=0
            [25304.094016] Memory cgroup out of memory: Killed process 21158 (python3) total-vm:79392kB, anon-rss:16128kB, file-rss:5160kB, shmem-rss:0kB, UID:0 pgtables:96kB oom_score_adj:0
            """
        let explanation = Explainer.explain(dmesg)
        guard case .oomKill(let kill) = explanation.message.notTask else {
            return XCTFail("not read as an OOM kill: \(String(describing: explanation.message.notTask))")
        }
        XCTAssertEqual(kill.reporter, .kernel)
        XCTAssertEqual(kill.victim, "21158 (python3)")
        XCTAssertEqual(kill.limitCgroup, "/forkexplain-221-probe")
        XCTAssertEqual(kill.inCgroup, true)
        XCTAssertEqual(kill.anonRSSKiB, 16128)
        XCTAssertTrue(explanation.causes.isEmpty)
        let text = render(dmesg)
        XCTAssertTrue(text.contains("killed by the OOM killer: true out of memory, not a refused fork or thread"), text)
        XCTAssertTrue(text.contains("a memory cgroup's: /forkexplain-221-probe"), text)
        XCTAssertTrue(text.contains("16128 KiB (15 MiB)"), text)
        XCTAssertTrue(text.contains("memory.events"), text)
        XCTAssertFalse(text.contains("Possible causes"), text)
    }

    /// Kernels before 4.19: `Kill process ... or sacrifice child`, then the
    /// victim's line without a prefix, and memcontrol.c's `Task in`.
    func testOldKernelsLinesAreTheOOMKillersToo() throws {
        let old = """
            Task in /docker/4f3a killed as a result of limit of /docker/4f3a
            Memory cgroup out of memory: Kill process 2817 (java) score 1000 or sacrifice child
            Killed process 2817 (java) total-vm:4403212kB, anon-rss:1036400kB, file-rss:15160kB, shmem-rss:0kB
            """
        guard case .oomKill(let kill) = Explainer.explain(old).message.notTask else { return XCTFail(render(old)) }
        XCTAssertEqual(kill.limitCgroup, "/docker/4f3a")
        XCTAssertEqual(kill.victim, "2817 (java)")
        XCTAssertEqual(kill.anonRSSKiB, 1_036_400)
        let global = "Out of memory: Killed process 1234 (java) total-vm:8123456kB, anon-rss:4012345kB, file-rss:0kB"
        guard case .oomKill(let machine) = Explainer.explain(global).message.notTask else {
            return XCTFail(render(global))
        }
        XCTAssertNil(machine.inCgroup)
    }

    /// A SIGKILL's report is most often the OOM killer, and said so.
    func testShellsContainersAndCompilersKilledBySIGKILL() {
        let texts = [
            "Killed",
            "bash: line 1: 21158 Killed                  /usr/bin/python3 -c \"b = bytearray(64 << 20)\"",
            "bash: line 1:  2177 Killed                  /usr/bin/python3 -c 'b = bytearray(64 << 20)'",
            "[1]+  Killed                  ./a.out",
            "Exited (137) 5 minutes ago",
            "FAIL\tgithub.com/example/app\t41.212s\nsignal: killed",
            "subprocess.CalledProcessError: Command '['make', '-j8']' died with <Signals.SIGKILL: 9>.",
            "command terminated with exit code 137",
            "g++: fatal error: Killed signal terminated program cc1plus",
            "c++: internal compiler error: Killed (program cc1plus)",
        ]
        for text in texts {
            let explanation = Explainer.explain(text)
            guard case .oomKill(let kill) = explanation.message.notTask else { return XCTFail(render(text)) }
            XCTAssertEqual(kill.reporter, .signal, text)
            XCTAssertTrue(explanation.causes.isEmpty, text)
            XCTAssertTrue(render(text).contains("most often the OOM killer"), text)
        }
        let kubectl = "Last State: Terminated Reason: OOMKilled Exit Code: 137"
        guard case .oomKill(let kill) = Explainer.explain(kubectl).message.notTask else {
            return XCTFail(render(kubectl))
        }
        XCTAssertEqual(kill.reporter, .manager)
    }

    func testFileErrnosAreNotATasks() {
        let cases: [(String, NotATaskText)] = [
            ("write error: No space left on device", .fileLimit(.diskFull)),
            ("cp: error writing 'x': No space left on device", .fileLimit(.diskFull)),
            (
                "Error: ENOSPC: System limit for number of file watchers reached, watch '/app/src'",
                .fileLimit(.inotifyWatches)
            ),
            (
                "Failed to add /run/systemd/ask-password to directory watch: No space left on device",
                .fileLimit(.inotifyWatches)
            ),
            ("tail: inotify resources exhausted", .fileLimit(.inotifyWatches)),
            ("Failed to allocate directory watch: Too many open files", .fileLimit(.inotifyInstances)),
            ("socket: Too many open files", .fileLimit(.openFiles(errno: "EMFILE"))),
        ]
        for (text, reading) in cases {
            let explanation = Explainer.explain(text)
            XCTAssertEqual(explanation.message.notTask, reading, text)
            XCTAssertTrue(explanation.causes.isEmpty, text)
        }
        XCTAssertTrue(render("write error: No space left on device").contains("df -i"))
        XCTAssertTrue(render("tail: inotify resources exhausted").contains("fs.inotify.max_user_watches"))
    }

    func testTextsNamingNoFailureGiveTheCausesOnlyAsAnIf() {
        for text in ["hello world", "Segmentation fault (core dumped)"] {
            let explanation = Explainer.explain(text)
            XCTAssertEqual(explanation.message.notTask, .noTaskNamed, text)
            let rendered = render(text)
            XCTAssertTrue(rendered.contains(": no failed process or thread creation is named."), rendered)
            XCTAssertTrue(rendered.contains("If the program printed this when it could not start"), rendered)
            XCTAssertFalse(rendered.contains("ENOMEM or EAGAIN while creating"), rendered)
        }
    }

    /// Task failures stay what they were, whatever else the text holds.
    func testTaskFailuresStayTasks() {
        let fork = Explainer.explain("bash: fork: Cannot allocate memory")
        XCTAssertNil(fork.message.notTask)
        XCTAssertEqual(fork.message.kind, .process)
        XCTAssertFalse(fork.causes.isEmpty)
        let thread = Explainer.explain("java.lang.OutOfMemoryError: unable to create native thread")
        XCTAssertNil(thread.message.notTask)
        XCTAssertEqual(thread.message.kind, .thread)
        for text in [
            "fork/exec /usr/bin/git: no space left on device", "unshare: unshare failed: No space left on device",
            "fork: No space left on device", "No space left on device", "EAGAIN", "12",
        ] {
            XCTAssertNil(Explainer.explain(text).message.notTask, text)
            XCTAssertFalse(Explainer.explain(text).causes.isEmpty, text)
        }
        // A fork refused, then the shell's `Killed` of another command: the
        // fork is the failure read.
        let both = Explainer.explain("bash: fork: Cannot allocate memory\nKilled")
        XCTAssertNil(both.message.notTask)
        XCTAssertEqual(both.message.kind, .process)
        // An errno with no task word beside `Killed` stays that errno's reading.
        let errno = Explainer.explain("Cannot allocate memory\nKilled")
        XCTAssertNil(errno.message.notTask)
        XCTAssertEqual(errno.errnos, ["ENOMEM"])
        XCTAssertFalse(errno.causes.isEmpty)
        // ... and beside the kernel's OOM kill, a note says memory ran out.
        let withKernel = Explainer.explain(
            "bash: fork: Cannot allocate memory\nOut of memory: Killed process 1234 (java) total-vm:1kB, anon-rss:1kB")
        XCTAssertNil(withKernel.message.notTask)
        XCTAssertTrue(withKernel.message.notes.contains { $0.contains("OOM killer") })
    }
}
