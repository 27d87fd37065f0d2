import XCTest

@testable import ForkExplainCore

/// What the sweep of public messages `explain` read too vaguely added: a
/// set*uid refused by itself (kernels before 3.1), Oracle's ORA-27300 on a
/// fork, .NET's E_OUTOFMEMORY at start, boost's and Qt's refused threads,
/// PHP's pcntl_fork, and Postfix's refused sockets (docs/kernel-facts.md
/// §11.151 to §11.154). Each text is a public thread's, verbatim; the
/// threads are named in RealMessageTests.
final class FieldMessagesRuleTests: XCTestCase {
    let setUid = "a set*uid refused (su, sshd, on a kernel before 3.1)"

    private func causes(_ text: String) -> [String] {
        Explainer.explain(text).causes.map(\.id)
    }

    /// su's and sshd's own refused set*uid: RLIMIT_NPROC of the target
    /// uid, the only cause, on a kernel before 3.1.
    func testASetUidRefusedIsTheTargetUsersNPROCBefore31() {
        let text = "su: cannot set user id: Resource temporarily unavailable"
        assertExplains(
            text, program: setUid, kind: .process, errno: "EAGAIN", first: "rlimit_nproc",
            says: "before Linux 3.1 a set*uid failed with EAGAIN")
        assertExplains(
            text, program: setUid, kind: .process, errno: "EAGAIN", first: "rlimit_nproc", says: "2.6.32")
        // No task is made: no task count but the uid's can refuse it.
        XCTAssertEqual(causes(text), ["rlimit_nproc"])
        let message = Explainer.explain(text).message
        XCTAssertTrue(message.failedCall?.contains("set*uid") ?? false, "\(String(describing: message.failedCall))")
        XCTAssertEqual(
            Explainer.explain(text).causes.first?.condition, NPROCExemption.setUidBefore31,
            "the exemption is the set*uid's, not a fork's")
        XCTAssertEqual(
            causes("Nov 24 19:01:45 localhost sshd2[23985]: fatal: setresuid 20054: Resource temporarily unavailable"),
            ["rlimit_nproc"])
        // A set*uid refused for another reason is not this rule's.
        XCTAssertNotEqual(
            Explainer.explain("sshd[1]: fatal: setresuid 1000: Operation not permitted").message.program, setUid)
    }

    /// Oracle's fork: the oracle user's nproc and pid_max first, the
    /// places its limit is set, and memory for ENOMEM.
    func testOraclesForkNamesItsUsersLimitsAndPidMax() {
        let eagain = """
            ORA-27300: OS system dependent operation:fork failed with status: 11
            ORA-27301: OS failure message: Resource temporarily unavailable
            ORA-27302: failure occurred at: skgpspawn3
            """
        for says in [
            "oracle-database-preinstall-*.conf", "TasksMax=", "kernel.pid_max", "PROCESSES parameter",
        ] {
            assertExplains(
                eagain, program: "Oracle Database", kind: .process, errno: "EAGAIN", first: "rlimit_nproc",
                says: says)
        }
        XCTAssertEqual(Array(causes(eagain).prefix(2)), ["rlimit_nproc", "pid_max"])
        let enomem = """
            ORA-27300: OS system dependent operation:fork failed with status: 12
            ORA-27301: OS failure message: Not enough space
            ORA-27302: failure occurred at: skgpspawn3
            """
        assertExplains(
            enomem, program: "Oracle Database", kind: .process, errno: "ENOMEM", first: "memory_exhausted",
            says: "swap")
        // ORA-27300 on another call (semop) is no fork's.
        XCTAssertNotEqual(
            Explainer.explain(
                "ORA-27300: OS system dependent operation:semop failed with status: 43\nORA-27301: OS failure message: Identifier removed"
            ).message.program, "Oracle Database")
    }

    /// .NET's E_OUTOFMEMORY at start: an address-space reservation, RLIMIT_AS
    /// first, and the knobs that make it smaller.
    func testCoreCLRsOutOfMemoryIsAnAddressSpaceReservation() {
        let text = "Failed to create CoreCLR, HRESULT: 0x8007000E"
        let explanation = Explainer.explain(text)
        XCTAssertTrue(explanation.message.isMemoryMapping)
        XCTAssertNil(explanation.message.notTask, "it names a failure: not `no failed task named`")
        XCTAssertFalse(causes(text).contains("cgroup_pids_limit"), "no task limit refuses a reservation")
        for says in ["ulimit -v", "DOTNET_GCHeapHardLimit", "E_OUTOFMEMORY"] {
            assertExplains(
                text, program: ".NET (CoreCLR start)", kind: .unknown, errno: "ENOMEM", first: "rlimit_as", says: says)
        }
        XCTAssertTrue(explanation.causes.first?.condition?.contains("GC heap's reservation") ?? false)
    }

    /// boost's, Qt's and OCaml's refused threads, GLib's "creating thread":
    /// threads, not "a process or thread".
    func testLibraryThreadMessagesAreThreads() {
        assertExplains(
            "Error: boost::thread_resource_error: Resource temporarily unavailable", program: "C++ (boost::thread)",
            kind: .thread, errno: "EAGAIN", first: "cgroup_pids_limit", says: "boost's own")
        assertExplains(
            "QThread::start: Thread creation error: Resource temporarily unavailable", program: "Qt (QThread)",
            kind: .thread, errno: "EAGAIN", first: "cgroup_pids_limit", says: "does not run")
        XCTAssertEqual(
            Explainer.explain("glib: Error creating thread: Resource temporarily unavailable").message.kind, .thread)
        XCTAssertEqual(
            Explainer.explain("Sys_error(\"Thread.create: Resource temporarily unavailable\")").message.kind, .thread)
        // Android's bionic: "Try again" after ART's refused stack is EAGAIN.
        XCTAssertEqual(
            Explainer.explain("java.lang.OutOfMemoryError pthread_create (1040KB stack) failed: Try again").errnos,
            ["EAGAIN"])
    }

    /// PHP prints pcntl_fork's errno bare: `Error 11`.
    func testPHPsPcntlForkErrno() {
        assertExplains(
            "PHP Warning:  pcntl_fork(): Error 11 in /srv/worker.php on line 12", program: "PHP (pcntl_fork)",
            kind: .process, errno: "EAGAIN", first: "cgroup_pids_limit", says: "pcntl_fork(): Error N")
    }

    /// Postfix's refused socket is no task: no task limit is offered.
    func testPostfixsRefusedSocketIsNoTask() {
        let explanation = Explainer.explain(
            "Feb 23 06:26:22 postfix/smtpd[3936]: fatal: socket: Cannot allocate memory")
        XCTAssertEqual(explanation.causes.map(\.id), [])
        XCTAssertNotNil(explanation.message.notATask)
        XCTAssertTrue(explanation.message.notes.contains { $0.contains("user_beancounters") })
    }
}
