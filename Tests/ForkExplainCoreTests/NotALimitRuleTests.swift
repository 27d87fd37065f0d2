import XCTest

@testable import ForkExplainCore

/// Texts that name a fork or errno 11 where no Linux task limit refused
/// anything (Cygwin on Windows, Chrome's setuid sandbox, Python 2's
/// IOError), and the Erlang VM's, LLVM's and roslaunch's words
/// (docs/kernel-facts.md §10.16, §11.180–§11.182). Each text is a public
/// thread's, verbatim; RealMessageTests names them.
final class NotALimitRuleTests: XCTestCase {
    /// github.com/adoxa/ansicon/issues/102: bash's retry line is Cygwin's
    /// EAGAIN, and ulimit -u or a pids limit are not causes on Windows.
    func testCygwinsForkIsNoLinuxLimit() {
        let text = """
                  0 [main] bash 11116 fork: child 9828 - died waiting for dll loading, errno 11
            ./onk.sh: fork: retry: Resource temporarily unavailable
            """
        let explanation = Explainer.explain(text)
        XCTAssertEqual(explanation.message.program, "Cygwin / MSYS2 (on Windows)")
        XCTAssertEqual(explanation.errnos, ["EAGAIN"])
        XCTAssertEqual(explanation.causes.map(\.id), [])
        let rendered = ExplanationRenderer().render(explanation)
        let said = [
            "EAGAIN from a fork emulated on Windows", "This is Windows, not Linux", "rebaseall",
            "no task limit is the cause",
        ]
        for phrase in said { XCTAssertTrue(rendered.contains(phrase), "\(phrase): \(rendered)") }
    }

    /// The same bash line without Cygwin's own line stays a Linux fork.
    func testBashsRetryAloneIsStillATaskLimit() {
        let explanation = Explainer.explain("./onk.sh: fork: retry: Resource temporarily unavailable")
        XCTAssertEqual(explanation.message.program, "bash")
        XCTAssertEqual(explanation.causes.first?.id, "cgroup_pids_limit")
    }

    /// github.com/gap-packages/io/issues/80: Windows' commit limit, named.
    func testWindowsCommitLimitInAForkedChild() {
        let text =
            "      1 [main] gap 1908 fixup_mmaps_after_fork: VirtualAlloc failed for MAP_PRIVATE address 0x9FEA0000, Win32 error 1455\n    628 [main] gap 1908 C:\\cygwin\\home\\appveyor\\gap\\.libs\\gap.exe: *** fatal error in forked process - recreate_mmaps_after_fork_failed"
        let explanation = Explainer.explain(text)
        XCTAssertEqual(explanation.message.program, "Cygwin / MSYS2 (on Windows)")
        XCTAssertNil(explanation.message.notTask)
        XCTAssertTrue(explanation.message.notes.contains { $0.contains("Win32 error 1455") })
    }

    /// github.com/AppImageCommunity/pkg2appimage/issues/458: EPERM from a
    /// clone into namespaces is a privilege, not seccomp's clone3 nor a limit.
    func testChromesSetuidSandboxIsAPrivilege() {
        let text = """
            The setuid sandbox is not running as root. Common causes:
              * An unprivileged process using ptrace on it, like a debugger.
              * A parent process set prctl(PR_SET_NO_NEW_PRIVS, ...)
            Failed to move to new namespace: PID namespaces supported, Network namespace supported, but failed: errno = Operation not permitted
            Trace/breakpoint trap
            """
        let explanation = Explainer.explain(text)
        XCTAssertEqual(explanation.message.program, "Chrome / Chromium (setuid sandbox)")
        XCTAssertEqual(explanation.errnos, ["EPERM"])
        XCTAssertEqual(explanation.causes.map(\.id), [])
        XCTAssertTrue(explanation.message.notes.contains { $0.contains("CAP_SYS_ADMIN") })
        XCTAssertTrue(explanation.message.notes.contains { $0.contains("--no-sandbox") })
    }

    /// github.com/Janhouse/tespeed/issues/22: IOError is Python 2's read, not its fork.
    func testPythonTwosIOErrorIsNoFork() {
        let text = """
                message = connection.recv_bytes(256)         # reject large message
            IOError: [Errno 11] Resource temporarily unavailable
            """
        let explanation = Explainer.explain(text)
        XCTAssertEqual(explanation.message.notATask, "a read or write on a non-blocking file, pipe or socket")
        XCTAssertEqual(explanation.causes.map(\.id), [])
        // Python 3's BlockingIOError from a fork stays a task's.
        XCTAssertEqual(
            Explainer.explain("BlockingIOError: [Errno 11] Resource temporarily unavailable").message.program,
            "Python (os.fork / multiprocessing)")
        // Python 2's fork raises OSError: still a task's.
        XCTAssertEqual(
            Explainer.explain("    self.pid = os.fork()\nOSError: [Errno 11] Resource temporarily unavailable")
                .causes.first?.id, "cgroup_pids_limit")
    }

    /// github.com/joergen7/cuneiform/issues/59: the VM's posix atom is the errno.
    func testErlangsAtomIsTheErrno() {
        let text =
            #"{eagain,[{erlang,open_port,[{spawn,"bash"},[exit_status,stderr_to_stdout,binary,{cd,"/tmp/cf-2/work/10"},{line,1024}]],[]}"#
        let explanation = Explainer.explain(text)
        XCTAssertEqual(explanation.errnos, ["EAGAIN"])
        XCTAssertEqual(explanation.message.kind, .process)
        XCTAssertEqual(explanation.message.program, "the Erlang VM (open_port)")
        XCTAssertEqual(ErrnoInText.find(in: "{error,enomem}"), "ENOMEM")
        // A word inside braces that is no atom of its own is not one.
        XCTAssertNil(ErrnoInText.find(in: "{eagainst,x}"))
    }

    /// github.com/esl/MongooseIM/issues/1265: the VM's unchecked fork of its
    /// helper, fixed by swap: the commit limit first.
    func testErlChildSetupClosedIsTheVMsFork() {
        let explanation = Explainer.explain("erl_child_setup closed")
        XCTAssertEqual(explanation.message.program, "the Erlang VM (erl_child_setup)")
        XCTAssertEqual(explanation.errnos, ["ENOMEM", "EAGAIN"])
        XCTAssertEqual(explanation.causes.first?.id, "commit_limit")
        XCTAssertNil(explanation.message.notTask)
        XCTAssertTrue(explanation.message.notes.contains { $0.contains("forker_start") })
    }

    /// github.com/DanBigioi/DiffusionVideoEditing/issues/4: glog's CHECK_EQ.
    func testGlogsCheckPrintsTheErrno() {
        XCTAssertEqual(
            ErrnoInText.find(
                in:
                    "F20230801 21:50:32.905575  4768 threadpool_pthread_impl.cc:51] Check failed: res == 0 (11 vs. 0) pthread_create failed"
            ), "EAGAIN")
    }

    /// github.com/balena-io/etcher/issues/1578: Node's error object as JSON.
    func testNodesErrorAsJSON() {
        let explanation = Explainer.explain(
            #"{"code":"EAGAIN","errno":"EAGAIN","syscall":"spawn /bin/sh","path":"sh"}"#)
        XCTAssertEqual(explanation.message.program, "Node.js (child_process)")
        XCTAssertEqual(explanation.message.kind, .process)
    }

    /// github.com/snu-sf-class/swpp202401/issues/18 and
    /// github.com/jsk-ros-pkg/jsk_common/pull/1196.
    func testLLVMAndRoslaunchNameTheirTasks() {
        let llvm = Explainer.explain("LLVM ERROR: pthread_create failed: Resource temporarily unavailable")
        XCTAssertEqual(llvm.message.program, "LLVM (clang, lld, clang-scan-deps)")
        XCTAssertTrue(llvm.message.notes.contains { $0.contains("-flto-jobs") })
        // ld.lld --threads=4 in a pids cgroup with room for one task (Debian
        // 12's lld 14 and the Swift toolchain's alike; Tests/scenarios/277).
        let lld = Explainer.explain(
            """
            terminate called after throwing an instance of 'std::system_error'
              what():  Resource temporarily unavailable
            PLEASE submit a bug report to https://github.com/llvm/llvm-project/issues/ and include the crash backtrace.
            Stack dump:
            0.	Program arguments: ld.lld --threads=4 -e main -o m.out m.o
            """)
        XCTAssertEqual(lld.message.program, "LLVM (clang, lld, clang-scan-deps)")
        XCTAssertEqual(lld.errnos, ["EAGAIN"])
        // Without the banner, a C++ program's std::thread as before.
        XCTAssertEqual(
            Explainer.explain(
                "terminate called after throwing an instance of 'std::system_error'\n  what():  Resource temporarily unavailable"
            ).message.program, "C++ (std::thread, libstdc++)")
        let ros = Explainer.explain(
            "ERROR: unable to launch [/opt/ros/bin/talker __name:=talker]: Resource temporarily unavailable")
        XCTAssertEqual(ros.message.kind, .process)
        XCTAssertEqual(ros.message.program, "roslaunch (ROS)")
    }
}
