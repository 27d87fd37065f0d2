import XCTest

@testable import ForkExplainCore

/// The incident shapes of docs/kernel-facts.md §11.97–§11.101, each on the
/// words of its public thread or of this machine's real run: C++'s
/// std::thread, a Rust build, kubelet's PID pressure, a unit at its
/// TasksMax=, a GitLab CI job's container.
final class IncidentShapesExplainTests: XCTestCase {
    private func notes(_ explanation: Explanation) -> String { explanation.message.notes.joined(separator: "\n") }

    /// TEXT's explanation, read as PROGRAM's EAGAIN (a thread's when KIND).
    @discardableResult
    private func reads(
        _ text: String, program: String?, kind: CallKind? = nil, line: UInt = #line
    ) -> Explanation {
        let explanation = Explainer.explain(text)
        if let program { XCTAssertEqual(explanation.message.program, program, line: line) }
        if let kind { XCTAssertEqual(explanation.message.kind, kind, line: line) }
        XCTAssertEqual(explanation.errnos, ["EAGAIN"], line: line)
        return explanation
    }

    // MARK: C++ std::thread (§11.97)

    /// github.com/kaldi-asr/kaldi/issues/2280, github.com/RasaHQ/rasa/issues/5997:
    /// libstdc++'s terminate message over two lines is a refused thread.
    func testLibstdcxxSystemErrorIsARefusedThread() {
        let explanation = reads(
            "terminate called after throwing an instance of 'std::system_error'\n  what():  Resource temporarily unavailable\nAborted (core dumped)",
            program: "C++ (std::thread, libstdc++)", kind: .thread)
        XCTAssertEqual(explanation.causes.first?.id, "cgroup_pids_limit")
        XCTAssertTrue(explanation.causes.map(\.id).contains("rlimit_nproc"))
        XCTAssertTrue(notes(explanation).contains("std::terminate"), notes(explanation))
        XCTAssertTrue(notes(explanation).contains("not the heap"), notes(explanation))
    }

    /// The type line alone still reads as a thread's EAGAIN.
    func testTheTypeLineAloneIsEAGAIN() {
        reads("terminate called after throwing an instance of 'std::system_error'", program: nil, kind: .thread)
    }

    /// A std::system_error with another errno (join() on a thread that is
    /// not joinable: EINVAL) is not a refused thread.
    func testAMutexSystemErrorIsNotAThread() {
        let explanation = Explainer.explain(
            "terminate called after throwing an instance of 'std::system_error'\n  what():  Invalid argument")
        XCTAssertNil(explanation.message.program)
        XCTAssertNotEqual(explanation.message.kind, .thread)
        XCTAssertEqual(explanation.errnos, ["EINVAL"])
        XCTAssertEqual(explanation.causes.map(\.id), [])
    }

    /// github.com/ggml-org/llama.cpp/issues/17168 (a unit with TasksMax=2):
    /// libc++ names the constructor on one line.
    func testLibcxxThreadConstructorFailed() {
        reads(
            "libc++abi: terminating due to uncaught exception of type std::__1::system_error: thread constructor failed: Resource temporarily unavailable",
            program: "C++ (std::thread, libc++)", kind: .thread)
    }

    /// The shim's record of a run like scenario 206's (this machine, g++
    /// 12.2): pthread_create called from libstdc++ says it is std::thread's;
    /// the same record with a C caller does not.
    func testReportNamesStdThreadFromTheCallerFrame() throws {
        let text = try String(contentsOfFile: Fixture.path("cxx-std-thread-pids.jsonl"), encoding: .utf8)
        let verdict = Classifier().classify(try LogRecord(jsonLine: Array(text.utf8)))
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        XCTAssertTrue(
            verdict.evidence.contains { $0.contains("C++'s std::thread") && $0.contains("with EAGAIN") },
            "\(verdict.evidence)")
        let fromC = text.replacingOccurrences(of: "libstdc++.so.6.0.30", with: "libc.so.6")
        XCTAssertNotEqual(fromC, text)
        let plain = Classifier().classify(try LogRecord(jsonLine: Array(fromC.utf8)))
        XCTAssertFalse(plain.evidence.contains { $0.contains("std::thread") }, "\(plain.evidence)")
    }

    // MARK: Rust builds (§11.98)

    /// This machine's `cargo build -j 6` under pids.max 16: rustc's own
    /// panics name its sources, and the note says -j.
    func testRustcPanicsInABuildSayJobs() {
        let log = """
               Compiling c6 v0.1.0 (/tmp/ws/c6)
            error: could not compile `c6` (lib)

            Caused by:
              could not execute process `/root/.rustup/toolchains/stable-x86_64-unknown-linux-gnu/bin/rustc --crate-name c6 --edition=2021 c6/src/lib.rs` (never executed)

            Caused by:
              Resource temporarily unavailable (os error 11)

            thread 'main' (13311) panicked at /rustc-dev/59807616e1fa2540724bfbac14d7976d7e4a3860/compiler/rustc_driver_impl/src/lib.rs:1654:6:
            Unable to install ctrlc handler: System(Os { code: 11, kind: WouldBlock, message: "Resource temporarily unavailable" })
            """
        let explanation = reads(log, program: "Rust (cargo / rustc)")
        XCTAssertEqual(explanation.causes.first?.id, "cgroup_pids_limit")
        XCTAssertTrue(notes(explanation).contains("`cargo build -j N`"), notes(explanation))
    }

    /// github.com/rust-lang/rust/issues/77894: rustc's thread pool, old format.
    func testOldRustcThreadPoolPanic() {
        reads(
            "thread 'main' panicked at 'called `Result::unwrap()` on an `Err` value: Os { code: 11, kind: WouldBlock, message: \"Resource temporarily unavailable\" }', /rustc/b8cedc00407a4c56a3bda1ed605c6fc166655447/src/librustc_interface/util.rs:127:11",
            program: "Rust (cargo / rustc)")
    }

    /// A Rust program's own std::thread::spawn panic (library/std's
    /// `.expect("failed to spawn thread")`, Rust 1.73+ format) stays the
    /// generic rule's: no cargo advice for a program that is not a build.
    func testAProgramsSpawnPanicIsNotABuild() {
        let explanation = reads(
            "thread 'main' panicked at /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/std/src/thread/mod.rs:729:29:\nfailed to spawn thread: Os { code: 11, kind: WouldBlock, message: \"Resource temporarily unavailable\" }",
            program: "Rust (std::thread / a thread pool)", kind: .thread)
        XCTAssertFalse(notes(explanation).contains("cargo build -j"), notes(explanation))
    }

    /// github.com/rust-lang/rust/issues/46981, rust-lang/cc-rs#985: EAGAIN
    /// from the jobserver's pipe is a read, and no task limit is listed.
    func testJobserverEAGAINIsNotATask() {
        for text in [
            "thread '<unnamed>' panicked at 'failed to acquire jobserver token: Resource temporarily unavailable (os error 11)', /checkout/src/librustc_trans/back/write.rs:1619:28",
            "make[2]: *** read jobs pipe: Resource temporarily unavailable.  Stop.",
        ] {
            let explanation = Explainer.explain(text)
            XCTAssertEqual(explanation.message.program, "a jobserver (make, cargo, cc-rs)", text)
            XCTAssertEqual(explanation.causes.map(\.id), [], text)
            let rendered = ExplanationRenderer().render(explanation)
            XCTAssertTrue(rendered.contains("EAGAIN from a read of the jobserver's pipe"), rendered)
            XCTAssertTrue(rendered.contains("no task limit is the cause"), rendered)
        }
    }

    // MARK: kubelet (§11.99)

    /// pkg/kubelet/eviction/helpers.go's nodeLowMessageFmt and
    /// thresholdMetMessageFmt, as an evicted pod's status shows them.
    func testKubeletEvictionForPids() {
        let explanation = Explainer.explain(
            "Status:  Failed\nReason:  Evicted\nMessage: The node was low on resource: pids. Threshold quantity: 3276, available: 3001. "
        )
        XCTAssertEqual(explanation.message.program, "kubelet")
        let known = explanation.known
        XCTAssertEqual(known?.cause.id, "pid_max")
        XCTAssertNil(known?.errno)
        XCTAssertTrue(known?.reason.contains("3276 free PIDs, 3001 were left") ?? false, known?.reason ?? "")
        XCTAssertTrue(known?.reason.contains("not a pod's own limit") ?? false, known?.reason ?? "")
        let fixes = known?.fixes.joined(separator: "\n") ?? ""
        XCTAssertTrue(fixes.contains("podPidsLimit"), fixes)
        XCTAssertTrue(fixes.contains("--system-reserved=pid=N"), fixes)
        XCTAssertTrue(fixes.contains("pid.available"), fixes)
    }

    /// An admission refused under the condition, and the condition as
    /// `kubectl describe node` prints it.
    func testPIDPressureConditionAndAdmission() {
        let admission = Explainer.explain("Pod The node had condition: [PIDPressure]. ")
        XCTAssertEqual(admission.message.program, "kubelet")
        XCTAssertTrue(admission.known?.reason.contains("refused to admit") ?? false)
        let condition = Explainer.explain(
            "  PIDPressure      True    Mon, 01 Jan 2024 10:00:00 +0000   KubeletHasInsufficientPID    kubelet has insufficient PID available"
        )
        XCTAssertEqual(condition.message.program, "kubelet")
        XCTAssertTrue(condition.known?.reason.contains("pid-pressure") ?? false)
        let reclaim = Explainer.explain(
            #"I0105 10:00:00.000000    1234 eviction_manager.go:366] "Eviction manager: attempting to reclaim" resourceName="pids""#
        )
        XCTAssertTrue(
            reclaim.known?.reason.contains("reclaiming process IDs") ?? false, "\(String(describing: reclaim.known))")
        let old = "W1016 09:50:55.056703 17144 eviction_manager.go:331] eviction manager: attempting to reclaim pids"
        XCTAssertEqual(Explainer.explain(old).known?.cause.id, "pid_max")
        XCTAssertNil(Explainer.explain("eviction manager: attempting to reclaim nodefs").known)
        // The other conditions are not PID pressure.
        XCTAssertNil(Explainer.explain("The node was low on resource: memory. ").known)
        XCTAssertNil(
            Explainer.explain("  PIDPressure False KubeletHasSufficientPID kubelet has sufficient PID available").known)
    }

    // MARK: systemd's Tasks line (§11.100)

    private let status = """
        ● mysql.service - MySQL Community Server
           Loaded: loaded (/lib/systemd/system/mysql.service; enabled; vendor preset: enabled)
           Active: active (running) since Tue 2017-01-10 10:31:10 UTC; 2h ago
         Main PID: 1234 (mysqld)
            Tasks: 4915 (limit: 4915)
           CGroup: /system.slice/mysql.service
        Jan 10 12:00:01 db mysqld[1234]: fork() failed: Resource temporarily unavailable
        """

    func testTasksLineParses() {
        XCTAssertEqual(
            SystemdTasksLine.reading(in: "    Tasks: 4915 (limit: 4915)"), .init(current: 4915, limit: 4915))
        XCTAssertEqual(SystemdTasksLine.reading(in: "Tasks: 36 (limit: 4915)")?.isFull, false)
        XCTAssertEqual(SystemdTasksLine.reading(in: "Tasks: 510 (limit: 512)")?.isFull, true)
        XCTAssertNil(SystemdTasksLine.reading(in: "Tasks: 36"))
        XCTAssertEqual(SystemdTasksLine.unit(in: status), "mysql.service")
        XCTAssertEqual(SystemdUnit.section(of: "user-1000.slice"), "Slice")
        XCTAssertEqual(SystemdUnit.section(of: "mysql.service"), "Service")
    }

    /// A unit at its limit: its TasksMax= binds, 4915 is systemd's default,
    /// and the fix is a drop-in or DefaultTasksMax=.
    func testAFullUnitNamesItsTasksMax() {
        let explanation = Explainer.explain(status)
        XCTAssertEqual(explanation.message.program, "systemd (systemctl status)")
        let known = explanation.known
        XCTAssertEqual(known?.cause.id, "cgroup_pids_limit")
        XCTAssertEqual(explanation.errnos, ["EAGAIN"])
        XCTAssertTrue(known?.reason.contains("4915 tasks of its limit of 4915") ?? false, known?.reason ?? "")
        XCTAssertTrue(known?.reason.contains("15 % of pid_max 32768") ?? false, known?.reason ?? "")
        let fixes = known?.fixes.joined(separator: "\n") ?? ""
        XCTAssertTrue(fixes.contains("`systemctl edit mysql.service`"), fixes)
        XCTAssertTrue(fixes.contains("`DefaultTasksMax=`"), fixes)
    }

    /// With the kernel's line too, one cause: the unit's fix first, the
    /// slice's from KernelPidsLine after it, the unit's level not twice.
    func testTheKernelLineAddsTheSlicesLevel() {
        let explanation = Explainer.explain(
            status
                + "\nJan 10 12:00:01 db kernel: cgroup: fork rejected by pids controller in /system.slice/mysql.service"
        )
        let fixes = explanation.known?.fixes ?? []
        XCTAssertTrue(fixes.first?.contains("systemctl edit mysql.service") ?? false, "\(fixes)")
        XCTAssertTrue(fixes.contains { $0.hasPrefix("`/system.slice`") }, "\(fixes)")
        XCTAssertFalse(fixes.contains { $0.hasPrefix("`/system.slice/mysql.service`") }, "\(fixes)")
    }

    /// A unit far from its limit is not the cause: the kernel's line keeps
    /// its own reading, and a note says the unit was not full.
    func testAUnitFarFromItsLimitIsNotNamed() {
        let text = status.replacingOccurrences(of: "Tasks: 4915 (limit: 4915)", with: "Tasks: 36 (limit: 4915)")
        let alone = Explainer.explain(text)
        XCTAssertNil(alone.known)
        XCTAssertTrue(notes(alone).contains("not at its TasksMax="), notes(alone))
        let withKernel = Explainer.explain(
            text + "\nkernel: cgroup: fork rejected by pids controller in /system.slice/mysql.service")
        XCTAssertEqual(withKernel.message.program, "the kernel")
        XCTAssertTrue(withKernel.known?.reason.contains("the kernel refused") ?? false)
    }

    // MARK: GitLab Runner (§11.101)

    /// A job log's executor line says where the job container's limit comes
    /// from: the runner sets none (its DockerConfig has no pids key).
    func testGitLabDockerExecutorSaysTheEngineSetsTheLimit() {
        let explanation = Explainer.explain(
            "Using Docker executor with image gcc:13 ...\n$ make -j64\nmake: fork: Resource temporarily unavailable")
        XCTAssertEqual(explanation.causes.first?.id, "cgroup_pids_limit")
        XCTAssertTrue(notes(explanation).contains("the runner sets no pids limit"), notes(explanation))
        XCTAssertTrue(notes(explanation).contains("containers.conf's `pids_limit`"), notes(explanation))
        XCTAssertFalse(notes(explanation).contains("--docker-pids-limit"), notes(explanation))
        XCTAssertFalse(
            notes(Explainer.explain("make: fork: Resource temporarily unavailable")).contains("[runners.docker]"))
    }
}
