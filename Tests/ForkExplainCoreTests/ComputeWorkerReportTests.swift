import XCTest

@testable import ForkExplainCore

/// `report` on a thread refused to an OpenMP runtime or OpenBLAS (known by
/// the module that called pthread_create) and on uWSGI's, gunicorn's and
/// Celery's forks (known by comm): the verdict stays the numbers', the
/// program's own knob joins the advice (docs/kernel-facts.md §11.134,
/// §11.136).
final class ComputeWorkerReportTests: XCTestCase {
    let classifier = Classifier()

    func testLibgompsRefusedThreadIsToldOMPNumThreadsWithTheTeamThatFitted() throws {
        let verdict = classifier.classify(
            try fullPidsCgroupRecord(
                comm: "omp_team", call: "pthread_create", limit: 9, module: "/usr/lib/x86_64-linux-gnu/libgomp.so.1"))
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        XCTAssertTrue(
            verdict.evidence.contains { $0.contains("libgomp.so.1, GCC's OpenMP runtime") }, "\(verdict.evidence)")
        XCTAssertTrue(verdict.advice[1].contains("`OMP_NUM_THREADS=1` is the team that fitted"), "\(verdict.advice)")
    }

    /// A wheel's vendored copy keeps the name's start.
    func testVendoredRuntimesAreKnownByTheirNamesStart() {
        XCTAssertEqual(ParallelRuntimeCaller.runtime(ofModule: "libgomp-a34b3233.so.1"), .libgomp)
        XCTAssertEqual(ParallelRuntimeCaller.runtime(ofModule: "libiomp5.so"), .llvmOpenMP)
        XCTAssertEqual(ParallelRuntimeCaller.runtime(ofModule: "libopenblasp-r0-5bebc122.3.13.dev.so"), .openBLAS)
        XCTAssertNil(ParallelRuntimeCaller.runtime(ofModule: "libc.so.6"))
    }

    func testOpenBLASUnderRLIMITNPROCIsToldItsOwnVariable() throws {
        let verdict = classifier.classify(
            try fullNPROCRecord(
                comm: "python3", call: "pthread_create", soft: 64, threads: 60,
                module: "/opt/venv/lib/python3.11/site-packages/numpy.libs/libopenblas64_p-r0-0cf96a72.3.23.dev.so"))
        XCTAssertEqual(verdict.id, .rlimitNPROC)
        XCTAssertTrue(verdict.advice.contains { $0.contains("`OPENBLAS_NUM_THREADS=60`") }, "\(verdict.advice)")
    }

    /// Only a thread, and only from the runtime: a fork from a program that
    /// links libgomp, or a thread from libc, gets no OpenMP advice.
    func testNoOpenMPAdviceForAForkOrAnotherCaller() throws {
        let fork = classifier.classify(
            try fullPidsCgroupRecord(comm: "omp_team", limit: 9, module: "/usr/lib/x86_64-linux-gnu/libgomp.so.1"))
        XCTAssertFalse(fork.advice.contains { $0.contains("OMP_NUM_THREADS=") }, "\(fork.advice)")
        let other = classifier.classify(
            try fullPidsCgroupRecord(comm: "app", call: "pthread_create", limit: 9, module: "/usr/lib/libc.so.6"))
        XCTAssertFalse(other.evidence.contains { $0.contains("OpenMP runtime") }, "\(other.evidence)")
    }

    func testGunicornUWSGIAndCeleryAreToldTheirOwnSizes() throws {
        // (9 − the arbiter) ÷ 2 for a reload's two sets.
        let gunicorn = classifier.classify(try fullPidsCgroupRecord(comm: "gunicorn: maste", limit: 9))
        XCTAssertTrue(gunicorn.evidence.contains { $0.contains("gunicorn's arbiter forks") }, "\(gunicorn.evidence)")
        XCTAssertTrue(gunicorn.advice[1].contains("`--workers 4`"), "\(gunicorn.advice)")
        XCTAssertFalse(gunicorn.advice.contains { $0.contains("for a leak") }, "\(gunicorn.advice)")
        let uwsgi = classifier.classify(try fullPidsCgroupRecord(comm: "uwsgi", limit: 9))
        XCTAssertTrue(uwsgi.advice.contains { $0.contains("`processes = 7`") }, "\(uwsgi.advice)")
        let celery = classifier.classify(try fullPidsCgroupRecord(comm: "[celeryd: celer", limit: 9))
        XCTAssertTrue(celery.advice.contains { $0.contains("--concurrency N") }, "\(celery.advice)")
    }

    /// A DataLoader worker names itself; a thread it could not start is the
    /// loader's to size.
    func testADataLoaderWorkerIsToldNumWorkers() throws {
        let verdict = classifier.classify(
            try fullPidsCgroupRecord(comm: "pt_multiprocess", call: "pthread_create", limit: 64))
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        XCTAssertTrue(verdict.evidence.contains { $0.contains("a PyTorch DataLoader worker") }, "\(verdict.evidence)")
        XCTAssertTrue(verdict.advice[1].contains("DataLoader(num_workers=N)"), "\(verdict.advice)")
    }

    /// An application server's workers run as its uid: RLIMIT_NPROC is theirs.
    func testGunicornUnderItsUidsNPROC() throws {
        let verdict = classifier.classify(try fullNPROCRecord(comm: "gunicorn", soft: 64, threads: 1))
        XCTAssertEqual(verdict.id, .rlimitNPROC)
        XCTAssertTrue(verdict.advice.contains { $0.contains("`--workers 31`") }, "\(verdict.advice)")
    }

    /// A name that begins like no server's is no server.
    func testPythonIsStillPythonsWorkers() throws {
        XCTAssertNil(ServerProgramForks.pythonServer("python3"))
        XCTAssertNil(ServerProgramForks.pythonServer("celerity"))
    }
}
