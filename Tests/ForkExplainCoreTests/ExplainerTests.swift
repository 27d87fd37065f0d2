import XCTest

@testable import ForkExplainCore

final class ExplainerTests: XCTestCase {
    func testBashRetryIsEAGAINFromFork() {
        let explanation = Explainer.explain("fork: retry: Resource temporarily unavailable")
        XCTAssertEqual(explanation.message.errno, "EAGAIN")
        XCTAssertEqual(explanation.message.kind, .process)
        XCTAssertEqual(explanation.causes.map(\.id), ["cgroup_pids_limit", "rlimit_nproc", "pid_max", "threads_max"])
        XCTAssertTrue(explanation.causes[1].checks[0].hasPrefix("ulimit -u; ps -L -U $(id -ru) --no-headers | wc -l"))
    }

    func testJavaErrorTwelveIsENOMEMFromSpawn() {
        let explanation = Explainer.explain(
            #"java.io.IOException: Cannot run program "git": error=12, Cannot allocate memory"#)
        XCTAssertEqual(explanation.message.errno, "ENOMEM")
        XCTAssertEqual(explanation.message.kind, .process)
        XCTAssertEqual(explanation.causes.first?.id, "pid_max")
        XCTAssertTrue(
            explanation.causes.contains {
                $0.id == "pidns_init_dead"
                    && $0.checks[0].hasPrefix("ls -l /proc/$$/ns/pid /proc/$$/ns/pid_for_children")
            })
        XCTAssertTrue(explanation.causes.contains { $0.id == "commit_limit" })
    }

    func testNativeThreadIsEAGAINFromPthreadCreate() {
        let explanation = Explainer.explain(
            "java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory")
        XCTAssertEqual(explanation.message.errno, "EAGAIN")
        XCTAssertEqual(explanation.message.kind, .thread)
        XCTAssertTrue(explanation.causes.map(\.id).contains("map_count_limit"))
        XCTAssertTrue(ExplanationRenderer().render(explanation).contains("despite OutOfMemoryError"))
    }

    func testBareErrnoNamesAndNumbers() {
        XCTAssertEqual(Explainer.explain("EAGAIN").message.errno, "EAGAIN")
        XCTAssertEqual(Explainer.explain("12").message.errno, "ENOMEM")
        XCTAssertEqual(Explainer.explain("spawn ENOMEM").message.errno, "ENOMEM")
        XCTAssertEqual(
            Explainer.explain("BlockingIOError: [Errno 11] Resource temporarily unavailable").message.errno, "EAGAIN")
        XCTAssertEqual(
            Explainer.explain("runtime: failed to create new OS thread (have 9 already; errno=11)").message.kind,
            .thread)
    }

    func testUnknownKindListsBothProcessAndThreadCauses() {
        let ids = Explainer.explain("EAGAIN").causes.map(\.id)
        XCTAssertEqual(Array(ids.prefix(4)), ["cgroup_pids_limit", "rlimit_nproc", "pid_max", "threads_max"])
        XCTAssertTrue(ids.contains("rlimit_as"))
    }

    func testAnUnrelatedErrorHasNoCauses() {
        let explanation = Explainer.explain("ENOENT")
        XCTAssertTrue(explanation.causes.isEmpty)
        XCTAssertTrue(
            ExplanationRenderer().render(explanation).contains(
                "No cause of process or thread creation failure gives this error"))
    }
}
