import XCTest

@testable import ForkExplainCore

/// What the nineteenth field audit changed in `explain` (docs/kernel-facts.md
/// §11.86–§11.90), each on the message of its public thread, and three
/// messages it already read right, kept so.
final class FieldNineteenExplainTests: XCTestCase {
    private func assertReads(
        _ text: String, program: String, kind: CallKind, errno: String, first: String, says: String,
        line: UInt = #line
    ) {
        assertExplains(text, program: program, kind: kind, errno: errno, first: first, says: says, line: line)
    }

    /// github.com/voxpupuli/puppet-redis/issues/105: overcommit, not the
    /// PID numbers of a kernel before 4.1, and Redis's own sysctl advice.
    func testRedisBackgroundSaveIsTheCommitLimitWithRedisAdvice() {
        assertReads(
            "17662:M 28 Aug 12:39:14.595 # Can't save in background: fork: Cannot allocate memory", program: "Redis",
            kind: .process, errno: "ENOMEM", first: "commit_limit", says: "`vm.overcommit_memory = 1`")
    }

    /// github.com/kamailio/kamailio/issues/155: a client relays mysqld's error.
    func testAMySQLClientRelaysTheServersThreadError() {
        assertReads(
            "ERROR: db_mysql [km_dbase.c:121]: db_mysql_submit_query(): driver error on query: Can't create a new thread (errno 11); if you are not out of available memory, you can consult the manual for a possible OS-dependent bug",
            program: "MySQL / MariaDB", kind: .thread, errno: "EAGAIN", first: "cgroup_pids_limit",
            says: "only relays it")
    }

    /// github.com/YOURLS/YOURLS/issues/1406: errno 12 from pthread_create
    /// is the stack's memory, not "no cause gives this error".
    func testAThreadENOMEMIsTheStacksMemory() {
        let text =
            "SQLSTATE[HY000] [1135] Can't create a new thread (errno 12); if you are not out of available memory, you can consult the manual for a possible OS-dependent bug"
        assertReads(
            text, program: "MySQL / MariaDB", kind: .thread, errno: "ENOMEM", first: "commit_limit",
            says: "is memory for the thread's stack")
        let ids = Explainer.explain(text).causes.map(\.id)
        XCTAssertTrue(ids.contains("rlimit_as"), "\(ids)")
        XCTAssertFalse(ids.contains("cgroup_pids_limit"), "\(ids)")
        XCTAssertTrue(ExplanationRenderer().render(Explainer.explain(text)).contains("Possible causes"))
    }

    /// A thread's ENOMEM from an unnamed program gets the glibc note.
    func testAThreadENOMEMSaysGlibcNeverReturnsIt() {
        let message = Explainer.explain("pthread_create failed: Cannot allocate memory").message
        XCTAssertEqual(message.kind, .thread)
        XCTAssertTrue(message.notes.contains { $0.contains("never returns ENOMEM") }, "\(message.notes)")
    }

    /// A process's ENOMEM keeps its own causes: no thread stack's.
    func testAProcessENOMEMGetsNoThreadCauses() {
        let ids = Explainer.explain("Cannot allocate memory").causes.map(\.id)
        XCTAssertFalse(ids.contains("rlimit_as"), "\(ids)")
        XCTAssertEqual(ids.first, "pid_max")
    }

    /// github.com/Optware/Optware-ng/issues/28: InnoDB's own words, errno 11.
    func testInnoDBsPthreadCreateReturned() {
        assertReads(
            "2015-12-13 [ERROR] [FATAL] InnoDB: pthread_create returned 11", program: "MySQL / MariaDB (InnoDB)",
            kind: .thread, errno: "EAGAIN", first: "cgroup_pids_limit", says: "innodb_write_io_threads")
    }

    /// github.com/facebookresearch/DrQA/issues/235 (multiprocessing) and
    /// github.com/seomoz/qless-py/issues/32 (os.fork, Python 2).
    func testPythonsForkErrorIsAProcess() {
        assertReads(
            "BlockingIOError: [Errno 11] Resource temporarily unavailable",
            program: "Python (os.fork / multiprocessing)",
            kind: .process, errno: "EAGAIN", first: "cgroup_pids_limit", says: "Pool(processes=N)")
        assertReads(
            "    cpid = os.fork()\nOSError: [Errno 11] Resource temporarily unavailable",
            program: "Python (os.fork / multiprocessing)", kind: .process, errno: "EAGAIN", first: "cgroup_pids_limit",
            says: "not non-blocking I/O")
        // subprocess keeps its own rule, which says vfork then fork.
        XCTAssertEqual(
            Explainer.explain(
                "File \"/usr/lib64/python3.10/subprocess.py\", line 1775, in _execute_child\n    self.pid = _posixsubprocess.fork_exec(\nBlockingIOError: [Errno 11] Resource temporarily unavailable"
            ).message.program, "Python (subprocess)")
    }

    /// github.com/diced/zipline/issues/586: a Pterodactyl container's path.
    func testAPterodactylPathNamesWingsPidLimit() {
        let explanation = Explainer.explain(
            "uncaughtException Error: spawn /usr/bin/node EAGAIN\n  spawnargs: [\n    '/home/container/node_modules/next/dist/compiled/jest-worker/processChild.js'"
        )
        XCTAssertEqual(explanation.message.program, "Node.js (child_process)")
        XCTAssertEqual(explanation.causes.first?.id, "cgroup_pids_limit")
        XCTAssertTrue(explanation.message.notes.contains { $0.contains("container_pid_limit") })
        XCTAssertFalse(
            Explainer.explain("spawn /usr/bin/node EAGAIN").message.notes.contains { $0.contains("Pterodactyl") })
    }

    /// github.com/seglo/kafka-lag-exporter/issues/288: a pool that made
    /// 3859 threads under OpenShift's 2048 pids is the pool, not the limit.
    func testAJavaPoolsThreadNumberNamesAnUnboundedPool() {
        let notes = Explainer.explain(
            "Exception in thread \"pool-1-thread-3859\" java.lang.OutOfMemoryError: unable to create new native thread"
        ).message.notes
        XCTAssertTrue(notes.contains { $0.contains("that pool had made 3859 threads") }, "\(notes)")
        XCTAssertEqual(JavaPoolThreadName.number(in: "thread \"pool-12-thread-7\""), 7)
        XCTAssertNil(JavaPoolThreadName.number(in: "a pool-thread-9"))
        // A pool's early thread says nothing of its size.
        XCTAssertFalse(
            Explainer.explain(
                "Exception in thread \"pool-1-thread-3\" java.lang.OutOfMemoryError: unable to create native thread"
            ).message.notes.contains { $0.contains("had made") })
    }

    /// Read right before the audit, and kept (FusionAuth's unit name aside,
    /// §11.93): github.com/FusionAuth/fusionauth-issues/issues/462,
    /// github.com/willsheffler/worms/issues/2, github.com/coreos/fedora-coreos-tracker/issues/1186.
    func testMessagesAlreadyReadRight() {
        let check = Explainer.explain(
            "[1]: max number of threads [3840] for user [fusionauth] is too low, increase to at least [4096]")
        XCTAssertEqual(check.known?.cause.id, "rlimit_nproc")
        XCTAssertTrue(check.known?.fixes.contains { $0.contains("LimitNPROC=4096") } ?? false)
        // ... but its unit is FusionAuth's, not one named elasticsearch.
        XCTAssertTrue(check.known?.fixes.contains { $0.contains("`systemctl edit UNIT`") } ?? false)
        XCTAssertTrue(check.known?.checks.first?.hasPrefix("grep -l 'User=fusionauth'") ?? false)
        let own = Explainer.explain(
            "max number of threads [1024] for user [elasticsearch] is too low, increase to at least [2048]")
        XCTAssertTrue(own.known?.fixes.contains { $0.contains("`systemctl edit elasticsearch`") } ?? false)
        let blas = Explainer.explain(
            "OpenBLAS blas_thread_init: RLIMIT_NPROC 512 current, 1031280 max\nOpenBLAS blas_thread_init: pthread_create: Resource temporarily unavailable"
        )
        XCTAssertEqual(blas.causes.first?.id, "rlimit_nproc")
        let tokio = Explainer.explain(
            "thread 'main' panicked at 'OS can't spawn a new worker thread: Os { code: 11, kind: WouldBlock, message: \"Resource temporarily unavailable\" }'"
        )
        XCTAssertEqual(tokio.message.program, "Rust (std::thread / a thread pool)")
        XCTAssertEqual(tokio.message.errno, "EAGAIN")
    }
}
