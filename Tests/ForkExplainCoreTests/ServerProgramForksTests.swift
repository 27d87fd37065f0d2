import XCTest

@testable import ForkExplainCore

/// `report` on refused forks of the programs `explain` already knew
/// (docs/kernel-facts.md §11.109–§11.112, §11.123, §11.126): sshd, cron,
/// nginx, git and runc init by their comm, Squid under the commit rule.
/// The verdict stays what the numbers say; the evidence names the program
/// and the advice gives its own knob.
final class ServerProgramForksTests: XCTestCase {
    let classifier = Classifier()

    private func pids(_ comm: String, call: String = "fork", limit: Int = 9, uid: Int = 0) throws -> Verdict {
        classifier.classify(try fullPidsCgroupRecord(comm: comm, call: call, limit: limit, uid: uid))
    }

    private func assertNamed(
        _ verdict: Verdict, _ id: VerdictID, evidence: String, advice: String, line: UInt = #line
    ) {
        XCTAssertEqual(verdict.id, id, line: line)
        XCTAssertTrue(verdict.evidence.contains { $0.contains(evidence) }, "\(verdict.evidence)", line: line)
        XCTAssertTrue(verdict.advice.contains { $0.contains(advice) }, "\(verdict.advice)", line: line)
    }

    func testNginxMasterIsToldWorkerProcessesFromTheLimit() throws {
        let verdict = try pids("nginx")
        // (9 − master − cache manager − loader) ÷ 2 for a reload's two sets.
        assertNamed(verdict, .cgroupPidsLimit, evidence: "nginx's master forks", advice: "`worker_processes 3;`")
        XCTAssertTrue(
            verdict.advice[1].contains("worker_processes"), "the knob leads after the owner: \(verdict.advice)")
        XCTAssertFalse(verdict.advice.contains { $0.contains("for a leak") }, "\(verdict.advice)")
    }

    /// A program whose name begins like nginx's is not nginx.
    func testNginxProxyIsNotNginx() throws {
        let verdict = try pids("nginx-proxy")
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        XCTAssertFalse(verdict.advice.contains { $0.contains("worker_processes") }, "\(verdict.advice)")
    }

    func testGitIsToldToLookBesideIt() throws {
        let verdict = try pids("git", uid: 1000)
        assertNamed(verdict, .cgroupPidsLimit, evidence: "git holds a child or two", advice: "Look beside git")
        XCTAssertTrue(
            verdict.advice.contains { $0.contains("for a leak") }, "git leaks nothing, the rest may: \(verdict.advice)")
    }

    /// git-remote-https (comm cut to 15 bytes) runs its credential helpers
    /// through run-command.c: git's. git-lfs is Go, not git's.
    func testGitsOwnProgramsAreGitButGitLFSIsNot() throws {
        assertNamed(
            try pids("git-remote-http", uid: 1000), .cgroupPidsLimit, evidence: "git (git-remote-http)",
            advice: "Look beside git")
        XCTAssertFalse(try pids("git-lfs", uid: 1000).evidence.contains { $0.contains("git holds") })
    }

    func testAGitThreadIsToldPackThreads() throws {
        let verdict = try pids("git", call: "pthread_create", uid: 1000)
        assertNamed(verdict, .cgroupPidsLimit, evidence: "run-command.c", advice: "pack.threads=1")
    }

    func testGitUnderRLimitNPROCNamesTheUsersCount() throws {
        let verdict = classifier.classify(try fullNPROCRecord(comm: "git", soft: 40, uid: 1000))
        assertNamed(
            verdict, .rlimitNPROC, evidence: "the user's other processes (RLIMIT_NPROC)",
            advice: "RLIMIT_NPROC 40 was filled")
    }

    /// A session's fork runs as the user: the user's count, not sshd's unit.
    func testSshdSessionIsTheUsersLimit() throws {
        let verdict = classifier.classify(try fullNPROCRecord(comm: "sshd", soft: 30, uid: 1000))
        assertNamed(
            verdict, .rlimitNPROC, evidence: "forking a login's program", advice: "`ps -L -U 1000 --no-headers | wc -l`"
        )
        XCTAssertTrue(verdict.evidence.contains { $0.contains("not sshd's own unit") }, "\(verdict.evidence)")
    }

    func testSshdAsRootIsToldMaxStartups() throws {
        assertNamed(
            try pids("sshd", limit: 41), .cgroupPidsLimit, evidence: "MaxStartups", advice: "`MaxStartups 10:30:20`")
        assertNamed(
            try pids("sshd-session", limit: 9), .cgroupPidsLimit, evidence: "as root", advice: "`MaxStartups 4`")
    }

    func testCronAsRootIsItsUnitsLimit() throws {
        assertNamed(
            try pids("crond"), .cgroupPidsLimit, evidence: "cron forks as root", advice: "`systemctl edit crond`")
        assertNamed(try pids("cron"), .cgroupPidsLimit, evidence: "cron's cgroup", advice: "cron.service room")
    }

    /// cron run by a user is no daemon's unit.
    func testCronAsAUserIsNotTheDaemon() throws {
        XCTAssertFalse(try pids("cron", uid: 1000).evidence.contains { $0.contains("cron forks as root") })
    }

    /// cron run by a user forks its jobs as that uid: the user's count and
    /// the jobs that pile up, not cron.service (§11.141).
    func testCronAsAUserIsTheUsersCount() throws {
        let verdict = classifier.classify(try fullNPROCRecord(comm: "cron", soft: 30, uid: 1000))
        assertNamed(
            verdict, .rlimitNPROC, evidence: "cron as uid 1000, not root",
            advice: "`ps -o pid,etime,args --ppid $(pgrep -u 1000 -o -x cron)`")
        XCTAssertFalse(verdict.advice.contains { $0.contains("cron.service room") }, "\(verdict.advice)")
        assertNamed(
            try pids("crond", uid: 1000), .cgroupPidsLimit, evidence: "crond as uid 1000",
            advice: "`flock -n /tmp/JOB.lock COMMAND`")
    }

    /// An nginx worker's refused pool thread: the pools sized to the limit
    /// (§11.111, §11.141), the master, cache manager and loader beside them
    /// under pids.max, only the workers under their user's RLIMIT_NPROC.
    func testNginxThreadPoolIsToldThreadsThatFit() throws {
        let verdict = try pids("nginx", call: "pthread_create", limit: 41)
        // (41 − 3) ÷ 2 − 1 for 2 workers, (41 − 3) ÷ 4 − 1 for 4.
        assertNamed(
            verdict, .cgroupPidsLimit, evidence: "an nginx worker",
            advice: "`thread_pool default threads=18;` in nginx.conf's main context for 2 workers (8 for 4")
        XCTAssertFalse(verdict.advice.contains { $0.contains("worker_processes 19") }, "\(verdict.advice)")
        XCTAssertFalse(verdict.advice.contains { $0.contains("for a leak") }, "\(verdict.advice)")
        let user = classifier.classify(
            try fullNPROCRecord(comm: "nginx", call: "pthread_create", soft: 40, threads: 20, uid: 33))
        XCTAssertEqual(user.id, .rlimitNPROC)
        XCTAssertTrue(user.evidence.contains { $0.contains("thread_pool NAME threads=N") }, "\(user.evidence)")
        XCTAssertTrue(user.advice.contains { $0.contains("`thread_pool default threads=19;`") }, "\(user.advice)")
    }

    func testRuncInitCountsInTheContainersLimit() throws {
        let verdict = try pids("runc:[2:INIT]", call: "pthread_create")
        assertNamed(verdict, .cgroupPidsLimit, evidence: "runc#1914", advice: "runc init's own Go threads")
        // runc itself runs in the engine's cgroup: not said of it.
        XCTAssertFalse(try pids("runc").evidence.contains { $0.contains("runc#1914") })
    }

    /// The numbers decide the verdict, and a name adds its knob only where
    /// it fits: RLIMIT_NPROC of uid 0 is not nginx's master's workers.
    func testTheNamesDoNotMakeAVerdict() throws {
        let verdict = classifier.classify(try fullNPROCRecord(comm: "nginx", soft: 30, uid: 0))
        XCTAssertEqual(verdict.id, .rlimitNPROC)
        XCTAssertFalse(verdict.advice.contains { $0.contains("worker_processes") }, "\(verdict.advice)")
    }

    /// Squid's refused helper fork: the commit rule leads, Squid's sizes next.
    func testSquidKeepsTheCommitVerdictWithItsOwnFix() throws {
        let verdict = classifier.classify(try squid(comm: "squid"))
        assertNamed(verdict, .commitLimit, evidence: "Squid forks its helpers", advice: "a smaller cache_mem")
        XCTAssertTrue(verdict.advice[0].contains("Raise the commit limit"), "\(verdict.advice)")
        XCTAssertTrue(verdict.advice[1].contains("sleep_after_fork"), "\(verdict.advice)")
        let other = classifier.classify(try squid(comm: "squidguard"))
        XCTAssertEqual(other.id, .commitLimit)
        XCTAssertFalse(other.advice.contains { $0.contains("cache_mem") }, "\(other.advice)")
    }

    /// The strict-overcommit fork of a 3.4 GiB process that did not fit,
    /// made `comm`'s.
    private func squid(comm: String) throws -> LogRecord {
        var record = try Fixture.record("commit-limit-mode2.jsonl")
        record.process?.comm = comm
        return record
    }
}
