import XCTest

@testable import ForkExplainCore

/// Container runtimes' start and exec errors as operators paste them
/// (docs/kernel-facts.md §11.123 to §11.125; scenarios 222 and 223): each
/// names runc or crun, the task, the errno and the causes in order.
final class ContainerRuntimeExplainTests: XCTestCase {
    /// Verbatim from docker/for-linux#1383, concourse/concourse#6180,
    /// opencontainers/runc#1547 and podman#1579 (a `docker run -m 5246976`).
    static let initPTexts = [
        "OCI runtime exec failed: exec failed: container_linux.go:380: starting container process caused: read init-p: connection reset by peer: unknown",
        "Backend error: Exit status: 500, message: {\"Type\":\"\",\"Message\":\"runc exec: exit status 1: exec failed: container_linux.go:367: starting container process caused: read init-p: connection reset by peer\",\"Handle\":\"\",\"ProcessID\":\"\",\"Binary\":\"\"}",
        "ERROR: Could not run process 31865: container_linux.go:265: starting container process caused \"read init-p: connection reset by peer\"",
        "starting container process caused \"process_linux.go:446: container init caused \\\"read init-p: connection reset by peer\\\"\"",
    ]

    func testReadInitPIsRuncInitsThreadsInTheContainersCgroup() {
        for text in Self.initPTexts {
            let explanation = Explainer.explain(text)
            XCTAssertEqual(explanation.message.program, "runc (runc init died in the container's cgroup)", text)
            XCTAssertEqual(explanation.errnos, ["EAGAIN"], text)
            XCTAssertEqual(explanation.message.kind, .thread, text)
            XCTAssertEqual(
                Array(explanation.causes.map(\.id).prefix(3)), ["cgroup_pids_limit", "memcg_limit", "rlimit_nproc"],
                text)
            let notes = explanation.message.notes.joined()
            XCTAssertTrue(notes.contains("docker update --pids-limit N NAME"), text)
            XCTAssertTrue(notes.contains("runc:[2:INIT]"), text)
            XCTAssertTrue(explanation.message.unrecorded?.contains("{{.HostConfig.PidsLimit}}") == true, text)
        }
    }

    /// An HTTP client's or a Redis client's reset is a socket, not runc.
    func testAnotherConnectionResetIsNotRunc() {
        for text in [
            "read tcp 127.0.0.1:43918->127.0.0.1:2376: read: connection reset by peer",
            "Notice: Redis::exec(): send of 8192 bytes failed with errno=104 Connection reset by peer in vendor/colinmollenhour/credis/Client.php",
            "curl: (56) Recv failure: Connection reset by peer",
        ] {
            XCTAssertNil(Explainer.explain(text).message.program, text)
        }
    }

    /// runc's own words (libcontainer/process_linux.go) when the cgroup's
    /// oom_kill count rose during the start: memory first, no task limit.
    func testOOMKilledRuncInitIsTheMemoryLimit() {
        for text in [
            "docker: Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: container init was OOM-killed (memory limit too low?): unknown.",
            "OCI runtime exec failed: exec failed: unable to start container process: error executing setns process: exit status 1 (possibly OOM-killed): unknown",
        ] {
            assertReads(text, as: "runc (runc init OOM-killed)", causes: ["memcg_limit", "memory_exhausted"])
        }
    }

    private func assertReads(_ text: String, as program: String, causes: [String], line: UInt = #line) {
        let explanation = Explainer.explain(text)
        XCTAssertEqual(explanation.message.program, program, text, line: line)
        XCTAssertEqual(explanation.causes.map(\.id), causes, text, line: line)
    }

    /// nsexec's log lines (`nsexec-N[PID]: MESSAGE: strerror`, log.c): a
    /// refused stage fork, whose errno decides the order.
    func testNsexecStageForkNamesItsErrno() {
        let eagain = Explainer.explain(
            "OCI runtime exec failed: exec failed: unable to start container process: error executing setns process: exit status 1\nFATA[0000] nsexec-0[2810]: unable to spawn stage-1: Resource temporarily unavailable"
        )
        XCTAssertEqual(eagain.message.program, "runc (nsexec, starting runc init's stages)")
        XCTAssertEqual(eagain.errnos, ["EAGAIN"])
        XCTAssertEqual(eagain.causes.first?.id, "cgroup_pids_limit")
        let enomem = Explainer.explain("nsexec-1[2811]: unable to spawn stage-2: Cannot allocate memory")
        XCTAssertEqual(enomem.message.program, "runc (nsexec, starting runc init's stages)")
        XCTAssertEqual(enomem.causes.first?.id, "pidns_init_dead")
    }

    /// Exit status 1 alone: nsexec's reason was dropped. A dying container
    /// first, then its pids.max; an errno other than a task's is not this rule's.
    func testSetnsExitStatusOneWithoutItsReason() {
        let explanation = Explainer.explain(
            "OCI runtime exec failed: exec failed: unable to start container process: error executing setns process: exit status 1: unknown"
        )
        XCTAssertEqual(explanation.message.program, "runc (exec into a container: nsexec exited)")
        XCTAssertEqual(explanation.errnos, ["ENOMEM", "EAGAIN"])
        XCTAssertEqual(Array(explanation.causes.map(\.id).prefix(2)), ["pidns_init_dead", "cgroup_pids_limit"])
        XCTAssertFalse(explanation.causes.map(\.id).contains("popen_any"))
        let gone = Explainer.explain(
            "error executing setns process: exit status 1: nsexec-0[77]: failed to open /proc/4242/ns/ipc: No such file or directory"
        )
        XCTAssertNotEqual(gone.message.program, "runc (exec into a container: nsexec exited)")
    }

    /// crun's `clone: STRERROR` (libcrun) as podman prints it.
    func testCrunCloneUnderPodman() {
        let explanation = Explainer.explain("Error: crun: clone: Resource temporarily unavailable: OCI runtime error")
        XCTAssertEqual(explanation.message.program, "crun")
        XCTAssertEqual(explanation.errnos, ["EAGAIN"])
        XCTAssertEqual(explanation.message.kind, .process)
        XCTAssertEqual(explanation.causes.first?.id, "cgroup_pids_limit")
    }

    /// The older nsexec's line keeps its own rule (§11.104).
    func testOldNsenterLineIsUnchanged() {
        XCTAssertEqual(
            Explainer.explain("nsenter: unable to fork: Cannot allocate memory").message.program,
            "runc (nsexec, entering a container)")
    }
}
