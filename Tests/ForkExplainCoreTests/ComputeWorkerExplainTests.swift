import XCTest

@testable import ForkExplainCore

/// `explain` on OpenMP runtimes, PyTorch's data loading, uWSGI, gunicorn,
/// Celery and batch systems (docs/kernel-facts.md §11.134 to §11.137): each
/// program's own knob beside the kernel's causes, and /dev/shm or a killed
/// worker as no task limit. The texts are the programs' formats (their
/// sources' format strings, tracebacks as CPython prints them); the
/// pasted ones are in RealMessageTests.
final class ComputeWorkerExplainTests: XCTestCase {
    func testLibompNamesOMPNumThreadsAndTheProcessesThatMultiplyIt() {
        assertExplains(
            "OMP: Error #34: System unable to allocate necessary resources for OMP thread:\nOMP: System error #11: Resource temporarily unavailable",
            program: "LLVM/Intel OpenMP (libomp, libiomp5)", kind: .thread, errno: "EAGAIN",
            first: "cgroup_pids_limit", says: "processes × OMP_NUM_THREADS")
    }

    /// Error #34 without its second line still names a thread: EAGAIN is
    /// what pthread_create returns for a task limit.
    func testLibompWithoutItsSystemErrorLineIsStillEAGAIN() {
        let explanation = Explainer.explain(
            "OMP: Error #34: System unable to allocate necessary resources for OMP thread:")
        XCTAssertEqual(explanation.errnos, ["EAGAIN"])
        XCTAssertEqual(explanation.message.kind, .thread)
    }

    func testLibgompKeepsItsProgramAndGainsTheTeamsNote() {
        assertExplains(
            "libgomp: Thread creation failed: Resource temporarily unavailable", program: "libgomp (OpenMP)",
            kind: .thread, errno: "EAGAIN", first: "cgroup_pids_limit", says: "OMP_THREAD_LIMIT")
    }

    /// CPython's tracebacks: the frames that name the program, lines away
    /// from the error, say whose knob it is (docs/kernel-facts.md §11.138).
    /// The last frame's code line, then the error, close each.
    func testTracebacksAreReadByTheFramesThatNameTheProgram() {
        let fork = "    self.pid = os.fork()\nBlockingIOError: [Errno 11] Resource temporarily unavailable"
        let thread = "    _start_new_thread(self._bootstrap, ())\nRuntimeError: can't start new thread"
        let frame = #"  File "/usr/local/lib/python3.11/site-packages/"#
        let cases: [(text: String, program: String, kind: CallKind, says: String)] = [
            (
                "RuntimeError: Caught RuntimeError in DataLoader worker process 13.\nOriginal Traceback (most recent call last):\n\(thread)",
                "PyTorch (DataLoader worker)", .thread, "num_workers"
            ),
            (
                "\(frame)torch/utils/data/dataloader.py\", line 1042, in __init__\n\(frame)../../multiprocessing/popen_fork.py\", line 66\n\(fork)",
                "PyTorch (DataLoader)", .process, "torch.set_num_threads"
            ),
            (
                "\(frame)gunicorn/arbiter.py\", line 609, in spawn_worker\n\(fork)", "gunicorn (arbiter)", .process,
                "`--workers` × (`--threads` + 1) + 1"
            ),
            (
                "\(frame)gunicorn/workers/gthread.py\", line 125, in enqueue_req\n\(thread)",
                "gunicorn (gthread workers)", .thread, "--threads"
            ),
            (
                "\(frame)billiard/pool.py\", line 1158, in _create_worker_process\n\(frame)billiard/popen_fork.py\", line 73\n\(fork)",
                "Celery (billiard prefork pool)", .process, "--concurrency N"
            ),
        ]
        for item in cases {
            assertExplains(
                item.text, program: item.program, kind: item.kind, errno: "EAGAIN", first: "cgroup_pids_limit",
                says: item.says)
        }
    }

    /// /dev/shm and a worker that died are no refused task: no cause list.
    func testSharedMemoryAndAKilledWorkerAreNoTaskLimit() {
        for text in [
            "RuntimeError: unable to write to file </torch_31911_952036340_6686>: No space left on device (28)",
            "ERROR: Unexpected bus error encountered in worker. This might be caused by insufficient shared memory (shm).",
            "RuntimeError: DataLoader worker (pid 4242) is killed by signal: Killed.\nRuntimeError: DataLoader worker (pid(s) 4242) exited unexpectedly",
        ] {
            let explanation = Explainer.explain(text)
            XCTAssertNotNil(explanation.message.notATask, text)
            XCTAssertTrue(explanation.causes.isEmpty, "\(text): \(explanation.causes.map(\.id))")
        }
        let shm = Explainer.explain("RuntimeError: unable to write to file </torch_1_2>: No space left on device (28)")
        XCTAssertTrue(shm.message.notes.contains { $0.contains("--shm-size") }, "\(shm.message.notes)")
    }

    func testUWSGIsForkAndThreadNameProcessesAndThreads() {
        assertExplains(
            "fork(): Resource temporarily unavailable [core/master_utils.c line 729]", program: "uWSGI",
            kind: .process, errno: "EAGAIN", first: "cgroup_pids_limit", says: "`processes` × (1 + `threads`)")
        assertExplains(
            "pthread_create(): Resource temporarily unavailable [core/logging.c line 1901]", program: "uWSGI",
            kind: .thread, errno: "EAGAIN", first: "cgroup_pids_limit", says: "`processes` × `threads`")
    }

    /// "fork(): " alone is too common to be uWSGI's.
    func testAForkLineWithoutUWSGIsSourceIsNotUWSGI() {
        XCTAssertNotEqual(Explainer.explain("fork(): Resource temporarily unavailable").message.program, "uWSGI")
    }

    func testACeleryChildsSIGKILLIsNoTask() {
        let killed = Explainer.explain(
            "billiard.exceptions.WorkerLostError: Worker exited prematurely: signal 9 (SIGKILL) Job: 12.")
        XCTAssertEqual(killed.message.program, "Celery (billiard prefork pool)")
        XCTAssertNotNil(killed.message.notATask)
        XCTAssertTrue(killed.causes.isEmpty)
    }

    /// Slurm's job script path names the batch system: RLIMIT_NPROC, which
    /// Slurm carries from the submitting shell, leads.
    func testASlurmJobScriptLeadsWithThePropagatedNPROC() {
        let explanation = Explainer.explain(
            "/var/spool/slurmd/job4242/slurm_script: fork: retry: Resource temporarily unavailable")
        XCTAssertEqual(explanation.message.program, "bash")
        XCTAssertEqual(explanation.causes.first?.id, "rlimit_nproc")
        XCTAssertTrue(
            explanation.message.notes.contains { $0.contains("PropagateResourceLimits") },
            "\(explanation.message.notes)")
    }

    func testHTCondorAndApptainerAreNamedByTheirPaths() {
        let condor = Explainer.explain(
            "/var/lib/condor/execute/dir_31337/condor_exec.exe: fork: retry: Resource temporarily unavailable")
        XCTAssertTrue(condor.message.hints.contains { $0.contains("STARTER_NUM_THREADS_ENV_VARS") })
        let apptainer = Explainer.explain(
            "/.singularity.d/runscript: fork: retry: Resource temporarily unavailable")
        XCTAssertTrue(apptainer.message.hints.contains { $0.contains("--pids-limit") })
    }
}
