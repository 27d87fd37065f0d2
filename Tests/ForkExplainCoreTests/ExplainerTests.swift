import XCTest

@testable import ForkExplainCore

final class ExplainerTests: XCTestCase {
    /// A message naming no errno takes ENOMEM's causes and EAGAIN's:
    /// pid_max once, where both orderings list it.
    func testAMessageWithoutAnErrnoListsEachLimitOnce() {
        let explanation = Explainer.explain("something failed")
        XCTAssertEqual(explanation.errnos, ["ENOMEM", "EAGAIN"])
        let ids = explanation.causes.map(\.id)
        XCTAssertEqual(ids.filter { $0 == "pid_max" }.count, 1, "\(ids)")
        XCTAssertEqual(ids.first, "pid_max")
        // Different causes under one catch-all id all stay.
        XCTAssertGreaterThan(ids.filter { $0 == "unexplained" }.count, 1, "\(ids)")
    }

    func testBashRetryIsEAGAINFromFork() {
        let explanation = Explainer.explain("fork: retry: Resource temporarily unavailable")
        XCTAssertEqual(explanation.message.errno, "EAGAIN")
        XCTAssertEqual(explanation.message.kind, .process)
        XCTAssertEqual(explanation.causes.map(\.id), ["cgroup_pids_limit", "rlimit_nproc", "pid_max", "threads_max"])
        XCTAssertTrue(explanation.causes[1].checks[0].hasPrefix("ulimit -u; ps -L -U $(id -ru) --no-headers | wc -l"))
    }

    /// bash's last line after retries a child's exit cut short (seen under
    /// `forkexplain run` in a full PID namespace): the fork's errno was EAGAIN.
    func testBashInterruptedRetryIsEAGAINFromFork() {
        let explanation = Explainer.explain("/tmp/spawn.sh: fork: Interrupted system call")
        XCTAssertEqual(explanation.message.errno, "EAGAIN")
        XCTAssertEqual(explanation.message.kind, .process)
        XCTAssertEqual(explanation.message.program, "bash")
        XCTAssertEqual(explanation.causes.first?.id, "cgroup_pids_limit")
    }

    /// GNU make 4.3 names the program its posix_spawn could not start (seen
    /// in scenario 122); `cmake: ` is not make.
    func testMakeNamesTheProgramItCouldNotStart() {
        let explanation = Explainer.explain("make: sleep: Resource temporarily unavailable")
        XCTAssertEqual(explanation.message.program, "make")
        XCTAssertEqual(explanation.message.kind, .process)
        XCTAssertTrue(explanation.message.notes.contains { $0.contains("make -jN") })
        XCTAssertEqual(Explainer.explain("make[2]: cc: Resource temporarily unavailable").message.program, "make")
        XCTAssertNotEqual(Explainer.explain("cmake: cc: Resource temporarily unavailable").message.program, "make")
    }

    /// The checks read the failing program's cgroup (PID), not that of the
    /// shell the operator types them into.
    func testCgroupChecksReadTheProgramsCgroup() {
        let checks = Explainer.explain("fork: retry: Resource temporarily unavailable").causes.flatMap(\.checks)
        XCTAssertFalse(checks.contains { $0.contains("/proc/self/cgroup") }, "\(checks)")
        XCTAssertTrue(checks.contains { $0.contains("/proc/PID/cgroup") }, "\(checks)")
    }

    func testJavaErrorTwelveIsENOMEMFromSpawn() {
        let explanation = Explainer.explain(
            #"java.io.IOException: Cannot run program "git": error=12, Cannot allocate memory"#)
        XCTAssertEqual(explanation.message.errno, "ENOMEM")
        XCTAssertEqual(explanation.message.kind, .process)
        XCTAssertEqual(explanation.causes.first?.id, "pid_max")
        XCTAssertTrue(
            explanation.causes.contains {
                $0.id == "pidns_init_dead"
                    && $0.checks[0].hasPrefix("ls -l /proc/$$/ns/pid /proc/$$/ns/pid_for_children")
            })
        XCTAssertTrue(explanation.causes.contains { $0.id == "commit_limit" })
    }

    func testNativeThreadIsEAGAINFromPthreadCreate() {
        let explanation = Explainer.explain(
            "java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory")
        XCTAssertEqual(explanation.message.errno, "EAGAIN")
        XCTAssertEqual(explanation.message.kind, .thread)
        XCTAssertTrue(explanation.causes.map(\.id).contains("map_count_limit"))
        XCTAssertTrue(ExplanationRenderer().render(explanation).contains("despite OutOfMemoryError"))
    }

    /// docs/kernel-facts.md §10.13: pthread_create never says ENOMEM.
    func testAPthreadCreateFailureWithoutErrnoIsEAGAINOrEPERM() {
        let explanation = Explainer.explain("Failed to create service entry worker thread: pthread_create failed")
        XCTAssertEqual(explanation.errnos, ["EAGAIN", "EPERM"])
        XCTAssertEqual(explanation.message.kind, .thread)
        XCTAssertEqual(Explainer.explain("bash: fork failed").errnos, ["ENOMEM", "EAGAIN"])
    }

    func testBareErrnoNamesAndNumbers() {
        XCTAssertEqual(Explainer.explain("EAGAIN").message.errno, "EAGAIN")
        XCTAssertEqual(Explainer.explain("12").message.errno, "ENOMEM")
        XCTAssertEqual(Explainer.explain("spawn ENOMEM").message.errno, "ENOMEM")
        XCTAssertEqual(
            Explainer.explain("BlockingIOError: [Errno 11] Resource temporarily unavailable").message.errno, "EAGAIN")
        XCTAssertEqual(
            Explainer.explain("runtime: failed to create new OS thread (have 9 already; errno=11)").message.kind,
            .thread)
    }

    func testUnknownKindListsBothProcessAndThreadCauses() {
        let ids = Explainer.explain("EAGAIN").causes.map(\.id)
        XCTAssertEqual(Array(ids.prefix(4)), ["cgroup_pids_limit", "rlimit_nproc", "pid_max", "threads_max"])
        XCTAssertTrue(ids.contains("rlimit_as"))
    }

    func testAnUnrelatedErrorHasNoCauses() {
        let explanation = Explainer.explain("ENOENT")
        XCTAssertTrue(explanation.causes.isEmpty)
        XCTAssertTrue(
            ExplanationRenderer().render(explanation).contains(
                "No cause of process or thread creation failure gives this error"))
    }

    /// A JVM stack trace's first line names the thread that threw; the
    /// failure is a process (constructed from the two lines reports show).
    func testExceptionInThreadAboveASpawnFailureIsAProcess() {
        let explanation = Explainer.explain(
            #"Exception in thread "main" java.io.IOException: Cannot run program "git": error=11, Resource temporarily unavailable"#
        )
        XCTAssertEqual(explanation.message.kind, .process)
        XCTAssertEqual(explanation.message.errno, "EAGAIN")
    }

    /// The kernel names the forking cgroup; the owners of it and of its
    /// parents are offered (docs/kernel-facts.md §10.10).
    func testTheKernelsPidsLineOffersEachLevelsOwner() throws {
        let docker = try XCTUnwrap(
            Explainer.explain(
                "cgroup: fork rejected by pids controller in /system.slice/docker-4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b.scope"
            ).known)
        XCTAssertTrue(docker.fixes[0].contains("docker update --pids-limit N 4a3b2c1d0e9f"), "\(docker.fixes)")
        XCTAssertTrue(docker.fixes.contains { $0.contains("set-property system.slice TasksMax=N") }, "\(docker.fixes)")

        let pod = try XCTUnwrap(
            Explainer.explain(
                "cgroup: fork rejected by pids controller in /kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod7c1e0b2a_5d3f_4e6a_9b8c_1d2e3f4a5b6c.slice/cri-containerd-4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b.scope"
            ).known)
        XCTAssertTrue(pod.fixes.contains { $0.contains("podPidsLimit: N") }, "\(pod.fixes)")
        XCTAssertEqual(pod.fixes.filter { $0.contains("podPidsLimit: N") }.count, 1, "each fix once: \(pod.fixes)")
        XCTAssertTrue(pod.checks[0].hasPrefix("p='/kubepods.slice/kubepods-burstable.slice/"))
    }

    func testALogWithNoFailureLineIsReadWhole() {
        let explanation = Explainer.explain("starting worker\nworker stopped\n")
        XCTAssertTrue(explanation.message.excerpt.readWhole)
        XCTAssertEqual(explanation.message.excerpt.total, 2)
        XCTAssertTrue(ExplanationRenderer().render(explanation).hasPrefix("No line names an errno"))
    }

    func testRepeatedLinesAreReadOnce() {
        let line = "runtime/cgo: pthread_create failed: Resource temporarily unavailable"
        let explanation = Explainer.explain([line, "SIGABRT: abort", line].joined(separator: "\n"))
        XCTAssertEqual(explanation.message.excerpt.used.map(\.number), [1])
    }

    /// A log around the failure: an exit status, a full disk and a refused
    /// chmod are not task failures and are not read.
    func testOnlyTaskFailureLinesOfALogAreRead() {
        let log = """
            job exited with code: 1
            cp: error writing 'x': No space left on device
            chmod: changing permissions of 'y': Operation not permitted
            Error: spawn /usr/bin/node EAGAIN
            """
        let explanation = Explainer.explain(log)
        XCTAssertEqual(explanation.message.excerpt.used.map(\.number), [4])
        XCTAssertEqual(explanation.errnos, ["EAGAIN"])
    }

    /// A dmesg holds one line per refused cgroup: every one is named, and
    /// each level's owner is offered once.
    func testEveryCgroupOfADmesgIsNamed() throws {
        let dmesg = """
            [ 1655.040067] cgroup: fork rejected by pids controller in /user.slice/user-1000.slice/session-3.scope
            [ 1702.113201] cgroup: fork rejected by pids controller in /user.slice/user-1000.slice/user@1000.service
            [ 1702.113209] cgroup: fork rejected by pids controller in /user.slice/user-1000.slice/session-3.scope
            """
        let known = try XCTUnwrap(Explainer.explain(dmesg).known)
        XCTAssertTrue(
            known.reason.contains(
                "/user.slice/user-1000.slice/session-3.scope and /user.slice/user-1000.slice/user@1000.service"),
            known.reason)
        XCTAssertEqual(known.checks.count, 2)
        XCTAssertEqual(known.fixes.filter { $0.hasPrefix("`/user.slice/user-1000.slice`:") }.count, 1, "\(known.fixes)")
        XCTAssertTrue(
            known.fixes.contains { $0.contains("set-property user@1000.service TasksMax=N") }, "\(known.fixes)")
    }

    /// glibc bug 29109's cause says what to do after `ldd --version` in
    /// words: it was printed after a `$` prompt, as if "then check ..."
    /// were a command to type.
    func testGlibc29109FollowUpIsProseNotACommand() throws {
        let explanation = Explainer.explain("gcc: error: posix_spawn: Operation not permitted")
        let cause = try XCTUnwrap(explanation.causes.first { $0.title.contains("29109") })
        XCTAssertEqual(cause.checks, ["ldd --version | head -1"])
        let text = ExplanationRenderer().render(explanation)
        XCTAssertTrue(text.contains("     Then: on 2.34, or 2.35 without the fix"), text)
        XCTAssertTrue(text.contains("`forkexplain explain EAGAIN`"), text)
        XCTAssertFalse(text.contains("$ then"), text)
    }

    /// Every check of the catalog is a command: none starts with a word of
    /// prose that the renderer's `$` prompt would make look typeable.
    func testEveryCatalogCheckIsACommand() {
        let prose = ["then ", "check ", "if ", "see ", "look "]
        for (id, cause) in CauseCatalog.causes {
            for check in cause.checks {
                XCTAssertFalse(prose.contains { check.lowercased().hasPrefix($0) }, "\(id): \(check)")
                XCTAssertFalse(check.hasSuffix("."), "\(id): \(check)")
            }
        }
    }

    /// A fork's ENOMEM under mode 0 is not only the kernels before 5.2:
    /// since then one mapping past RAM + swap is refused (§11.91), and the
    /// checks must show the mappings, not only their sum.
    func testForkENOMEMCommitLimitNamesOneMappingPastRAMAndSwap() throws {
        let explanation = Explainer.explain("-bash: fork: Cannot allocate memory")
        let commit = try XCTUnwrap(explanation.causes.first { $0.id == "commit_limit" })
        XCTAssertTrue(commit.condition?.contains("one of its mappings larger than RAM + swap") == true, "\(commit)")
        XCTAssertTrue(commit.checks.contains { $0.hasPrefix("pmap -x PID") }, "\(commit.checks)")
    }
}
