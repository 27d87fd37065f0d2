import XCTest

@testable import ForkExplainCore

/// What the twentieth field audit added (scenarios 203–205): PostgreSQL's
/// postmaster weighed against a pids limit with its version's auxiliary
/// processes, and `explain` on PostgreSQL's and MongoDB's own messages
/// (docs/kernel-facts.md §11.94–§11.96).
final class FieldTwentyRuleTests: XCTestCase {
    let classifier = Classifier()

    private func refused(
        comm: String = "postgres", call: String = "fork", limit: Int = 20, module: String? = nil
    ) throws -> LogRecord {
        try fullPidsCgroupRecord(comm: comm, call: call, limit: limit, module: module, uid: 101)
    }

    private func assertSized(_ verdict: Verdict, evidence: String, advice: String, line: UInt = #line) {
        XCTAssertEqual(verdict.id, .cgroupPidsLimit, line: line)
        XCTAssertTrue(verdict.evidence.contains { $0.contains(evidence) }, "\(verdict.evidence)", line: line)
        XCTAssertTrue(verdict.advice[1].contains(advice), "\(verdict.advice)", line: line)
        XCTAssertFalse(verdict.advice.contains { $0.contains("for a leak") }, "\(verdict.advice)", line: line)
    }

    /// 15 keeps 5 auxiliary processes: 20 − 1 − 5 − 3 − 1 = 10.
    func testPostmasterIsToldMaxConnectionsFromTheLimit() throws {
        let verdict = classifier.classify(try refused(module: "/usr/lib/postgresql/15/bin/postgres"))
        assertSized(verdict, evidence: "PostgreSQL 15's postmaster", advice: "`max_connections = 10`")
        XCTAssertTrue(
            verdict.evidence.contains {
                $0.contains("its 5 auxiliary processes") && $0.contains("at most 14 backends")
            },
            "\(verdict.evidence)")
    }

    /// The version changes the count: 14 has the stats collector, 18 its
    /// I/O workers; a path without one is counted as the largest.
    func testTheAuxiliaryProcessesFollowTheVersion() throws {
        assertSized(
            classifier.classify(try refused(module: "/usr/lib/postgresql/14/bin/postgres")),
            evidence: "stats collector", advice: "`max_connections = 9`")
        assertSized(
            classifier.classify(try refused(module: "/usr/pgsql-18/bin/postgres")),
            evidence: "3 I/O workers", advice: "`max_connections = 7`")
        assertSized(
            classifier.classify(try refused(comm: "postmaster")), evidence: "counted as 18's",
            advice: "`max_connections = 7`")
        XCTAssertEqual(PostgresBackends.major(inPath: "/usr/lib/postgresql/9.6/bin/postgres"), nil)
        XCTAssertEqual(PostgresBackends.major(inPath: "/usr/lib/postgresql/16/lib/plpgsql.so"), nil)
    }

    func testASmallLimitIsToldToGrow() throws {
        let verdict = classifier.classify(try refused(limit: 12, module: "/usr/lib/postgresql/15/bin/postgres"))
        assertSized(verdict, evidence: "at most 6 backends", advice: "Or raise the limit to what PostgreSQL needs")
        XCTAssertFalse(verdict.advice.contains { $0.contains("max_connections = ") }, "\(verdict.advice)")
    }

    /// An extension's thread in a backend is not the postmaster's fork.
    func testAThreadInABackendKeepsTheLeakAdvice() throws {
        let verdict = classifier.classify(try refused(call: "pthread_create"))
        XCTAssertFalse(verdict.advice.contains { $0.contains("max_connections") }, "\(verdict.advice)")
    }

    /// The postgres user's RLIMIT_NPROC counts the same processes
    /// (scenario 204): 16 − 1 − 5 − 3 − 1 = 6.
    func testPostmasterUnderItsUsersNPROCIsToldMaxConnections() throws {
        let verdict = classifier.classify(
            try fullNPROCRecord(comm: "postgres", soft: 16, module: "/usr/lib/postgresql/15/bin/postgres"))
        XCTAssertEqual(verdict.id, .rlimitNPROC)
        XCTAssertTrue(
            verdict.evidence.contains { $0.contains("RLIMIT_NPROC 16 holds the postmaster, those 5") },
            "\(verdict.evidence)")
        XCTAssertTrue(verdict.advice[0].contains("`max_connections = 6`"), "\(verdict.advice)")
    }

    /// mongod's own threads fill its user's count (scenario 205): MongoDB's
    /// 64000, not a generic pool's knobs; under a pids limit, TasksMax.
    func testMongodIsToldMongoDBsLimit() throws {
        let nproc = classifier.classify(
            try fullNPROCRecord(comm: "mongod", call: "pthread_create", soft: 40, threads: 40))
        XCTAssertEqual(nproc.id, .rlimitNPROC)
        XCTAssertTrue(nproc.evidence.contains { $0.contains("RLIMIT_NPROC 40 caps its connections") })
        XCTAssertTrue(nproc.advice[0].contains("`LimitNPROC=64000`"), "\(nproc.advice)")
        XCTAssertFalse(nproc.advice.contains { $0.contains("TOKIO_WORKER_THREADS") }, "\(nproc.advice)")
        let pids = classifier.classify(
            try fullPidsCgroupRecord(comm: "mongod", call: "pthread_create", limit: 2048))
        XCTAssertTrue(pids.advice[1].contains("`TasksMax=infinity`"), "\(pids.advice)")
        XCTAssertFalse(pids.advice.contains { $0.contains("for a leak") }, "\(pids.advice)")
    }

    /// sameersbn/docker-gitlab#2278's log, and the same fork refused memory
    /// (codeforamerica/clean#546): the pids limit, then the commit limit.
    func testPostgresForkFailuresNameTheirLimit() {
        assertExplains(
            "postgresql_1  | 2020-12-29 13:53:51.544 UTC [1] LOG:  could not fork new process for connection: Resource temporarily unavailable",
            program: "PostgreSQL", kind: .process, errno: "EAGAIN", first: "cgroup_pids_limit",
            says: "max_connections, autovacuum_max_workers")
        assertExplains(
            "PG::ConnectionBad: could not fork new process for connection: Cannot allocate memory",
            program: "PostgreSQL", kind: .process, errno: "ENOMEM", first: "commit_limit",
            says: "vm.overcommit_memory=2")
        assertExplains(
            "2026-11-29 05:02:00.000 UTC [24158] LOG:  could not fork autovacuum worker process: Cannot allocate memory",
            program: "PostgreSQL", kind: .process, errno: "ENOMEM", first: "commit_limit", says: "CommitLimit")
        // 18's one message for every child type.
        assertExplains(
            "2026-11-29 05:20:00.000 UTC [310] LOG:  could not fork \"checkpointer\" process: Resource temporarily unavailable",
            program: "PostgreSQL", kind: .process, errno: "EAGAIN", first: "cgroup_pids_limit", says: "3 I/O workers")
        assertExplains(
            "ERROR:  out of memory\nDETAIL:  Failed on request of size 8192 in memory context \"ExecutorState\".",
            program: "PostgreSQL", kind: .unknown, errno: "ENOMEM", first: "commit_limit", says: "work_mem")
    }

    /// overleaf/overleaf#263 (3.x) and canonical/mongodb-operator#576
    /// (4.4 and later, JSON): the pids limit first, as for any thread, the
    /// mongod user's RLIMIT_NPROC next, and MongoDB's own fix.
    func testMongodRefusedThreadsNameTheUsersLimit() {
        assertExplains(
            """
            2015-02-12T12:04:30.971+0100 [initandlisten] pthread_create failed: errno:11 Resource temporarily unavailable
            2015-02-12T12:04:30.971+0100 [initandlisten] can't create new thread, closing connection
            """, program: "MongoDB (mongod / mongos)", kind: .thread, errno: "EAGAIN", first: "cgroup_pids_limit",
            says: "`ulimit -u 64000`")
        assertExplains(
            #"""
            {"t":{"$date":"2025-09-04T07:34:26.758+00:00"},"s":"E",  "c":"-",        "id":4850900, "ctx":"listener","msg":"pthread_create failed","attr":{"error":"Resource temporarily unavailable"}}
            {"t":{"$date":"2025-09-04T07:34:26.758+00:00"},"s":"E",  "c":"-",        "id":22948,   "ctx":"listener","msg":"Thread creation failed","attr":{"error":"pthread_create failed"}}
            """#, program: "MongoDB (mongod / mongos)", kind: .thread, errno: "EAGAIN", first: "cgroup_pids_limit",
            says: "TasksMax=")
        // Go's own words stay Go's.
        XCTAssertEqual(
            Explainer.explain("runtime/cgo: pthread_create failed: Resource temporarily unavailable").message.program,
            "Go (cgo)")
    }

    /// The start-up warning's numbers name the file they come from.
    func testMongodsWarningReadsItsNumbers() {
        let el7 =
            "2020-11-10T08:52:10.793+0900 I CONTROL  [initandlisten] ** WARNING: soft rlimits too low. rlimits set to 4096 processes, 64000 files. Number of processes should be at least 32000 : 0.5 times number of files."
        assertExplains(
            el7, program: "MongoDB (mongod)", kind: .thread, errno: "EAGAIN", first: "rlimit_nproc",
            says: "4096 (4096: EL7's /etc/security/limits.d/20-nproc.conf")
        assertExplains(
            el7, program: "MongoDB (mongod)", kind: .thread, errno: "EAGAIN", first: "rlimit_nproc",
            says: "asks for at least 32000")
        assertExplains(
            "** WARNING: soft rlimits too low. rlimits set to 1024 processes, 64000 files. Number of processes should be at least 32000 : 0.5 times number of files.",
            program: "MongoDB (mongod)", kind: .thread, errno: "EAGAIN", first: "rlimit_nproc", says: "90-nproc.conf")
        let odd = MongoDBThreads.printed(
            in:
                "rlimits set to 15084 processes, 65535 files. number of processes should be at least 32767.5 : 0.5 times number of files."
        )
        XCTAssertEqual(odd?.processes, 15084)
        XCTAssertEqual(odd?.files, 65535)
        XCTAssertEqual(odd?.wanted, "32767.5")
        // 4.4's warning is about open files: not the process rule.
        let files =
            #"{"s":"W","c":"CONTROL","id":22184,"ctx":"initandlisten","msg":"Soft rlimits too low","attr":{"currentValue":1024,"recommendedMinimum":64000},"tags":["startupWarnings"]}"#
        XCTAssertNotEqual(Explainer.explain(files).message.program, "MongoDB (mongod)")
    }
}
