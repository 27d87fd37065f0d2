import XCTest

@testable import ForkExplainCore

/// strace's lines of a refused task creation as `explain` input
/// (docs/kernel-facts.md §11.140): the errno from `= -1 E…`, a thread from
/// CLONE_THREAD, and the namespace counts from CLONE_NEW* flags.
final class StraceCallTests: XCTestCase {
    let fork =
        "clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f3c1a2b3a10) = -1 EAGAIN (Resource temporarily unavailable)"
    let thread =
        "clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7f2a1b5ff990, parent_tid=0x7f2a1b5ff990, exit_signal=0, stack=0x7f2a1adff000, stack_size=0x7fff80, tls=0x7f2a1b5ff6c0} => {parent_tid=[0]}, 88) = -1 EAGAIN (Resource temporarily unavailable)"

    func testAForkIsAProcessAndClone3WithCloneThreadAThread() {
        let process = Explainer.explain(fork)
        XCTAssertEqual(process.message.kind, .process)
        XCTAssertEqual(process.message.program, "strace")
        XCTAssertEqual(process.errnos, ["EAGAIN"])
        XCTAssertEqual(process.causes.first?.id, "cgroup_pids_limit")
        let made = Explainer.explain(thread)
        XCTAssertEqual(made.message.kind, .thread, "main said a process or thread")
        XCTAssertEqual(made.errnos, ["EAGAIN"])
        XCTAssertTrue(made.causes.contains { $0.id == "map_count_limit" }, "a thread's causes: its stack")
    }

    func testPrefixesAndVfork() {
        let calls = StraceCall.refused(
            in: """
                [pid   123] vfork() = -1 ENOMEM (Cannot allocate memory)
                4711  12:00:01.123456 clone(child_stack=NULL, flags=CLONE_NEWUSER|SIGCHLD) = -1 ENOSPC (No space left on device)
                clone(child_stack=NULL, flags=SIGCHLD) = 4712
                """)
        XCTAssertEqual(calls.map(\.pid), [123, 4711])
        XCTAssertEqual(calls.map(\.call), ["vfork", "clone"])
        XCTAssertEqual(calls.map(\.errno), ["ENOMEM", "ENOSPC"])
        XCTAssertEqual(calls[1].namespaceFlags, [.user])
        XCTAssertEqual(Explainer.explain("vfork() = -1 ENOMEM (Cannot allocate memory)").message.kind, .process)
    }

    /// `strace -f` splits a call another task interrupts; the flags are in
    /// the first half, the errno in the second.
    func testUnfinishedAndResumedJoinByPid() {
        let text = """
            [pid 200] clone3({flags=CLONE_VM|CLONE_THREAD, exit_signal=0}, 88 <unfinished ...>
            [pid 201] exit_group(0) = ?
            [pid 200] <... clone3 resumed>) = -1 EAGAIN (Resource temporarily unavailable)
            """
        let calls = StraceCall.refused(in: text)
        XCTAssertEqual(
            calls, [StraceCall(pid: 200, call: "clone3", flags: ["CLONE_VM", "CLONE_THREAD"], errno: "EAGAIN")])
        XCTAssertEqual(Explainer.explain(text).message.kind, .thread)
    }

    /// ENOSPC with CLONE_NEW*: the namespace count first, each flag's
    /// sysctl named; without one, no namespace cause at all.
    func testNamespaceFlagsDecideTheENOSPC() {
        let ns = Explainer.explain(
            "[pid 123] clone(child_stack=NULL, flags=CLONE_NEWPID|CLONE_NEWNS|SIGCHLD) = -1 ENOSPC (No space left on device)"
        )
        XCTAssertEqual(ns.causes.first?.id, "max_user_namespaces")
        XCTAssertTrue(ns.causes.first?.condition?.contains("CLONE_NEWPID: user.max_pid_namespaces") ?? false)
        XCTAssertTrue(ns.causes.first?.condition?.contains("CLONE_NEWNS: user.max_mnt_namespaces") ?? false)
        let plain = Explainer.explain(
            fork.replacingOccurrences(
                of: "EAGAIN (Resource temporarily unavailable)", with: "ENOSPC (No space left on device)"))
        XCTAssertEqual(plain.causes.map(\.id), ["pid_max"])
    }

    /// Text that is no strace line is left to the other rules.
    func testOtherTextIsNotStraces() {
        XCTAssertEqual(StraceCall.refused(in: "bash: fork: retry: Resource temporarily unavailable"), [])
        XCTAssertEqual(StraceCall.refused(in: "clone(child_stack=NULL, flags=SIGCHLD) = 4712"), [])
        XCTAssertNotEqual(
            Explainer.explain("bash: fork: retry: Resource temporarily unavailable").message.program, "strace")
    }
}
