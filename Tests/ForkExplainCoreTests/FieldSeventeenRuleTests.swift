import XCTest

@testable import ForkExplainCore

/// What the seventeenth field audit added (scenarios 193–195): the Erlang
/// VM's thread set under a pids limit (docs/kernel-facts.md §11.80), and
/// `explain` on the messages of the Erlang VM, Ruby (§11.81) and Phusion
/// Passenger (§11.82).
final class FieldSeventeenRuleTests: XCTestCase {
    let classifier = Classifier()

    /// A pthread_create of COMM refused by a full v1 pids cgroup of 13
    /// tasks, COMM holding 11 of them.
    private func refused(comm: String) throws -> LogRecord {
        let line = """
            {"schema":1,"type":"failure","time":"2026-11-28T04:14:34.000Z","host":"vm","kernel":"6.1.0-13-amd64","glibc":"2.36","arch":"x86_64",
             "process":{"pid":12106,"tid":12106,"ppid":12100,"uid":0,"euid":0,"comm":"\(comm)"},
             "call":{"name":"pthread_create","errno":11,"errno_name":"EAGAIN","stack_size_bytes":8388608},
             "pid":{"pid_max":4194304,"threads_max":126980,"host_tasks":300,"pid_ns":4026531836,"pid_for_children_ns":4026531836,"nspid":[12106]},
             "limits":{"nproc":{"soft":63000,"hard":63000},"as":{"soft":"unlimited","hard":"unlimited"},"stack":{"soft":8388608,"hard":"unlimited"},"uid_tasks":200},
             "cgroups":{"pids":[{"version":1,"path":"/beam","dir":"/sys/fs/cgroup/pids/beam","max":13,"current":13,"events_max":1}]},
             "top":{"complete":true,"holders":[{"pid":12106,"comm":"\(comm)","uid":0,"threads":11}]}}
            """
        return try LogRecord(jsonLine: Array(line.utf8))
    }

    func testTheErlangVMIsToldItsOwnFlagsNotALeakHunt() throws {
        let verdict = classifier.classify(try refused(comm: "beam.smp"))
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        XCTAssertTrue(
            verdict.evidence.contains { $0.contains("the Erlang VM (beam.smp, holding 11 threads when refused)") },
            "\(verdict.evidence)")
        XCTAssertTrue(verdict.advice[1].contains("`ERL_FLAGS=\"+S 1:1 +SDcpu 1:1 +SDio 1 +A 1\"`"), "\(verdict.advice)")
        XCTAssertFalse(verdict.advice.contains { $0.contains("for a leak") }, "\(verdict.advice)")
    }

    /// Another program under the same limit keeps the leak advice: its 11
    /// of the level's 13 tasks are named first, its pools or a leak
    /// (docs/kernel-facts.md §11.184).
    func testAnotherProgramStillLooksForALeak() throws {
        let verdict = classifier.classify(try refused(comm: "java"))
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        XCTAssertFalse(verdict.advice.contains { $0.contains("ERL_FLAGS") })
        XCTAssertTrue(
            verdict.advice[0].hasPrefix("One process holds most") && verdict.advice[0].contains("or fix the leak"),
            "\(verdict.advice)")
    }

    /// `explain` on TEXT names PROGRAM, the task KIND and ERRNO, and its
    /// notes hold NOTE.
    private func assertReads(
        _ text: String, _ program: String, _ kind: CallKind, errno: String = "EAGAIN", note: String? = nil,
        line: UInt = #line
    ) {
        let message = Explainer.explain(text).message
        XCTAssertEqual(message.program, program, line: line)
        XCTAssertEqual(message.kind, kind, line: line)
        XCTAssertEqual(message.errno, errno, line: line)
        if let note { XCTAssertTrue(message.notes.contains { $0.contains(note) }, "\(message.notes)", line: line) }
    }

    /// The VM's own "error = 11" is the errno.
    func testTheErlangVMsSchedulerMessageReadsItsErrno() {
        assertReads("Failed to create dirty io scheduler thread 3, error = 11", "the Erlang VM (BEAM)", .thread)
    }

    func testTheErlangVMsGenericMessageOnlyAtALinesStart() {
        assertReads("Failed to create thread: Resource temporarily unavailable (11)", "the Erlang VM (BEAM)", .thread)
        XCTAssertNotEqual(
            Explainer.explain("worker: Failed to create thread: Resource temporarily unavailable").message.program,
            "the Erlang VM (BEAM)")
    }

    func testInetGethostsRefusedWorkerIsAProcess() {
        assertReads(
            "/usr/lib/erlang/erts-13.1.5/bin/inet_gethost[10690]: WARNING:Could not fork(), errno = 11\n/usr/lib/erlang/erts-13.1.5/bin/inet_gethost[10690]: WARNING:Unable to create worker process, insufficient resources",
            "the Erlang VM (inet_gethost)", .process)
    }

    func testRubysTimerWarningSaysTheForkWorked() {
        assertReads(
            "fork_exec_process.rb:20: warning: pthread_create failed for timer: Resource temporarily unavailable, scheduling broken",
            "Ruby (MRI)", .thread, note: "the fork worked")
    }

    func testPassengersForkIsTheWebServers() {
        assertReads(
            "Could not spawn process for application /var/www/app: Cannot fork() a new process: Resource temporarily unavailable (errno=11)",
            "Phusion Passenger", .process, note: "the web server's")
    }
}
