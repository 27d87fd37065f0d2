import XCTest

@testable import ForkExplainCore

/// Common daemons and git, each on the exact words its source prints
/// (docs/kernel-facts.md §11.109–§11.112; git's and Squid's as they
/// printed them), and the near misses that must not be read as theirs.
final class FieldProgramsExplainTests: XCTestCase {
    private func program(_ text: String) -> String? { Explainer.explain(text).message.program }

    /// clientloop.c's "%s request failed on channel %d": the server's
    /// refusal, whose limit is the user's on the server.
    func testSSHClientsRequestFailedIsTheServersFork() {
        assertExplains(
            "shell request failed on channel 0", program: "OpenSSH (ssh client; the server refused)", kind: .process,
            errno: "EAGAIN", first: "rlimit_nproc", says: "The limit is on the server, not on this machine")
        XCTAssertEqual(program("exec request failed on channel 0"), "OpenSSH (ssh client; the server refused)")
        XCTAssertEqual(program("subsystem request failed on channel 0"), "OpenSSH (ssh client; the server refused)")
        // A client multiplexed over ControlMaster prints "%s request failed\r\n".
        XCTAssertEqual(program("shell request failed\r\n"), "OpenSSH (ssh client; the server refused)")
        // The client's own failures name no request.
        XCTAssertNil(program("channel 0: open failed: administratively prohibited: open failed"))
    }

    /// session.c's error_f("fork: %.100s") in do_exec_no_pty and do_exec_pty.
    func testSshdSessionForkIsTheUsersLimit() {
        assertExplains(
            "Nov 29 10:00:00 web1 sshd[2412]: error: do_exec_no_pty: fork: Resource temporarily unavailable",
            program: "OpenSSH sshd (a session's fork)", kind: .process, errno: "EAGAIN", first: "rlimit_nproc",
            says: "not sshd's own unit")
        XCTAssertEqual(
            program("sshd[2412]: error: do_exec_pty: fork: Resource temporarily unavailable"),
            "OpenSSH sshd (a session's fork)")
    }

    /// sshd.c's accept loop and privsep forks, as root in sshd's service.
    func testSshdListenerAndPrivsepForks() {
        assertExplains(
            "Nov 29 10:00:00 web1 sshd[811]: error: fork: Resource temporarily unavailable",
            program: "OpenSSH sshd (listener)", kind: .process, errno: "EAGAIN", first: "cgroup_pids_limit",
            says: "sshd's own service's TasksMax=")
        assertExplains(
            "sshd[9120]: fatal: fork of unprivileged child failed", program: "OpenSSH sshd (privilege separation)",
            kind: .process, errno: "EAGAIN", first: "cgroup_pids_limit", says: "Win32-OpenSSH")
        // The same words without sshd's tag are no one's in particular.
        XCTAssertNil(program("error: fork: Resource temporarily unavailable"))
    }

    /// session.c session_open: MaxSessions, before any fork.
    func testSshdNoMoreSessionsIsNotATask() {
        let explanation = Explainer.explain("Nov 29 10:00:00 web1 sshd[2412]: error: no more sessions")
        XCTAssertEqual(explanation.message.program, "OpenSSH sshd (MaxSessions)")
        XCTAssertNotNil(explanation.message.notATask)
        XCTAssertTrue(explanation.causes.isEmpty)
        XCTAssertTrue(
            ExplanationRenderer().render(explanation).contains("an error from sshd's count of sessions"),
            ExplanationRenderer().render(explanation))
    }

    /// Debian's and OpenBSD's cron log no errno; cronie logs strerror.
    func testCronsCantFork() {
        assertExplains(
            "Nov 29 10:00:01 web1 CRON[812]: (CRON) error (can't fork)", program: "cron", kind: .process,
            errno: "EAGAIN", first: "cgroup_pids_limit", says: "systemd-cgls -u cron.service")
        assertExplains(
            "Nov 29 10:00:01 web1 crond[1201]: (CRON) can't fork (do_command): Resource temporarily unavailable",
            program: "cronie (crond)", kind: .process, errno: "EAGAIN", first: "cgroup_pids_limit",
            says: "RLIMIT_NPROC does not hold root back")
        XCTAssertNil(program("Nov 29 10:00:01 web1 CRON[812]: (CRON) info (No MTA installed, discarding output)"))
    }

    /// ngx_process.c and ngx_thread_pool.c: ngx_log_error's "(11: ...)".
    func testNginxWorkersAndThreadPools() {
        assertExplains(
            "2026/11/29 10:00:00 [alert] 1201#1201: fork() failed while spawning \"worker process\" (11: Resource temporarily unavailable)",
            program: "nginx", kind: .process, errno: "EAGAIN", first: "cgroup_pids_limit", says: "twice over")
        assertExplains(
            "2026/11/29 10:00:00 [alert] 1305#1305: pthread_create() failed (11: Resource temporarily unavailable)",
            program: "nginx (thread pool)", kind: .thread, errno: "EAGAIN", first: "cgroup_pids_limit",
            says: "worker_processes × the pools' threads")
        // Another program's bare pthread_create() line is not nginx's.
        XCTAssertNotEqual(
            program("pthread_create() failed (11: Resource temporarily unavailable)"), "nginx (thread pool)")
    }

    /// Printed by git 2.39.5 here, in a pids cgroup of one task
    /// (Tests/scenarios/208).
    func testGitsOwnWords() {
        assertExplains(
            "error: cannot fork() for true: Resource temporarily unavailable\nfatal: while expanding alias 'x': 'true': Resource temporarily unavailable",
            program: "git", kind: .process, errno: "EAGAIN", first: "cgroup_pids_limit",
            says: "git holds a child or two at a time")
        assertExplains(
            "error: cannot fork() for git-upload-pack '/tmp/fp-repo/.git': Resource temporarily unavailable\nfatal: unable to fork",
            program: "git", kind: .process, errno: "EAGAIN", first: "cgroup_pids_limit", says: "fatal: unable to fork")
        XCTAssertEqual(program("fatal: unable to fork"), "git")
        XCTAssertEqual(program("fatal: fetch-pack: unable to fork off index-pack"), "git")
        XCTAssertEqual(program("error: cannot fork to run external filter 'git-lfs filter-process'"), "git")
        XCTAssertEqual(
            Explainer.explain("fatal: fetch-pack: unable to fork off sideband demultiplexer").message.kind, .thread)
        XCTAssertEqual(Explainer.explain("fatal: unable to fork").errnos, ["EAGAIN", "ENOMEM"])
        XCTAssertEqual(
            Explainer.explain("fatal: cannot create async thread: Resource temporarily unavailable").message.kind,
            .thread)
        // git's fork-point is history, not a fork.
        XCTAssertNil(program("fatal: git merge-base --fork-point failed"))
    }

    /// master_spawn.c: msg_warn("%s: fork: %m -- throttling", myname).
    func testPostfixMasterThrottles() {
        assertExplains(
            "Nov 29 10:00:00 mx1 postfix/master[1010]: warning: master_spawn: fork: Resource temporarily unavailable -- throttling",
            program: "Postfix (master)", kind: .process, errno: "EAGAIN", first: "cgroup_pids_limit",
            says: "default_process_limit, 100")
    }

    /// ipc.cc's debugs("ipcCreate: fork: " << xstrerr(xerrno)), xstrerr
    /// printing "(%d) %s"; the musl wording is from a public log.
    func testSquidsForkIsTheCommitCharge() {
        assertExplains(
            "2026/11/29 10:00:00 kid1| ipcCreate: fork: (12) Cannot allocate memory", program: "Squid",
            kind: .process, errno: "ENOMEM", first: "commit_limit", says: "sleep_after_fork")
        assertExplains(
            "2019/07/27 01:30:06 kid1| ipcCreate: fork: (12) Out of memory", program: "Squid", kind: .process,
            errno: "ENOMEM", first: "commit_limit", says: "with musl")
        // A task limit refusing Squid keeps the task limit's causes.
        XCTAssertEqual(
            Explainer.explain("kid1| ipcCreate: fork: (11) Resource temporarily unavailable").causes.first?.id,
            "cgroup_pids_limit")
    }

    /// ThreadPool.cpp's "Cannot schedule a task: {} (threads={}, jobs={})":
    /// only a thread the C library refused is a task.
    func testClickHouseOwnPoolIsNotATask() {
        let full = Explainer.explain(
            "Code: 439. DB::Exception: Cannot schedule a task: no free thread (timeout=0) (threads=10000, jobs=10000). (CANNOT_SCHEDULE_TASK)"
        )
        XCTAssertEqual(full.message.program, "ClickHouse")
        XCTAssertNotNil(full.message.notATask)
        XCTAssertTrue(full.causes.isEmpty)
        assertExplains(
            "Code: 439. DB::Exception: Cannot schedule a task: failed to start the thread (threads=3412, jobs=3412). (CANNOT_SCHEDULE_TASK)",
            program: "ClickHouse", kind: .thread, errno: "EAGAIN", first: "cgroup_pids_limit",
            says: "max_thread_pool_size")
        assertExplains(
            "Code: 439. DB::Exception: Cannot schedule a task: cannot allocate thread (threads=3412, jobs=3412)",
            program: "ClickHouse", kind: .thread, errno: "EAGAIN", first: "cgroup_pids_limit",
            says: "\"cannot allocate thread\" in older ones")
        // A failed allocation of the pool's list node is memory, not a thread.
        XCTAssertNil(
            program("Code: 439. DB::Exception: Cannot schedule a task: cannot allocate thread slot (threads=1, jobs=1)")
        )
    }
}
