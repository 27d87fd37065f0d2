import XCTest

@testable import ForkExplainCore

/// What the eighteenth field audit added (scenarios 196–198): Apache
/// httpd's and PHP-FPM's own sizes weighed against a pids limit
/// (docs/kernel-facts.md §11.83–§11.85), and `explain` on their messages.
final class FieldEighteenRuleTests: XCTestCase {
    let classifier = Classifier()

    private func refused(
        comm: String, call: String = "fork", limit: Int = 6, module: String? = nil
    ) throws -> LogRecord {
        try fullPidsCgroupRecord(comm: comm, call: call, limit: limit, module: module)
    }

    private func assertSized(
        _ verdict: Verdict, evidence: String, advice: String, line: UInt = #line
    ) {
        XCTAssertEqual(verdict.id, .cgroupPidsLimit, line: line)
        XCTAssertTrue(verdict.evidence.contains { $0.contains(evidence) }, "\(verdict.evidence)", line: line)
        XCTAssertTrue(verdict.advice[1].contains(advice), "\(verdict.advice)", line: line)
        XCTAssertFalse(verdict.advice.contains { $0.contains("for a leak") }, "\(verdict.advice)", line: line)
    }

    func testPreforkIsToldMaxRequestWorkersFromTheLimit() throws {
        let record = try refused(comm: "apache2", module: "/usr/lib/apache2/modules/mod_mpm_prefork.so")
        assertSized(
            classifier.classify(record), evidence: "pids.max 6 holds the parent and at most 5 workers",
            advice: "`MaxRequestWorkers 5` and `ServerLimit 5`")
    }

    /// A refused thread is a threaded MPM's: 20 tasks hold one child of
    /// 16 workers and its 3 other threads, beside the parent.
    func testAThreadedMPMIsToldThreadsPerChildAndServerLimit() throws {
        let verdict = classifier.classify(try refused(comm: "httpd", call: "pthread_create", limit: 20))
        assertSized(
            verdict, evidence: "Apache httpd with a threaded MPM", advice: "`ThreadsPerChild 16`, `ServerLimit 1`")
        XCTAssertFalse(verdict.advice[1].contains("MaxRequestWorkers 19"), "\(verdict.advice)")
    }

    func testALargerLimitKeepsTheDefaultThreadsPerChild() {
        let fit = WebServerWorkers(server: .apacheThreads, limit: 614).threadedFit
        XCTAssertEqual(fit?.threads, 25)
        XCTAssertEqual(fit?.children, 21)  // 21 × 28 + 1 = 589 ≤ 614
        XCTAssertNil(WebServerWorkers(server: .apacheThreads, limit: 4).threadedFit)
    }

    /// A fork with no frames to say the MPM gets both sizes.
    func testAnApacheForkWithoutFramesGetsBothSizes() throws {
        let verdict = classifier.classify(try refused(comm: "apache2"))
        assertSized(verdict, evidence: "with prefork it holds one process per worker", advice: "`MaxRequestWorkers 5`")
        XCTAssertTrue(verdict.advice[1].contains("`ThreadsPerChild 2`"), "\(verdict.advice)")
    }

    func testPHPFPMIsToldPmMaxChildren() throws {
        assertSized(
            classifier.classify(try refused(comm: "php-fpm8.2")), evidence: "PHP-FPM's master",
            advice: "`pm.max_children = 5`")
    }

    /// A PHP script's own thread (an extension's) is not the pool's size.
    func testAPHPFPMThreadKeepsTheLeakAdvice() throws {
        let verdict = classifier.classify(try refused(comm: "php-fpm8.2", call: "pthread_create"))
        XCTAssertFalse(verdict.advice.contains { $0.contains("pm.max_children") }, "\(verdict.advice)")
    }

    private func assertReads(_ text: String, _ program: String, _ kind: CallKind, line: UInt = #line) {
        let message = Explainer.explain(text).message
        XCTAssertEqual(message.program, program, line: line)
        XCTAssertEqual(message.kind, kind, line: line)
        XCTAssertEqual(message.errno, "EAGAIN", line: line)
    }

    func testExplainKnowsTheServersMessages() {
        assertReads(
            "[mpm_event:alert] [pid 14] AH00480: apr_thread_create: unable to create worker thread", "Apache httpd",
            .thread)
        assertReads(
            "[mpm_event:alert] [pid 494:tid 496] (11)Resource temporarily unavailable: AH03104: ap_thread_create: unable to create worker thread",
            "Apache httpd", .thread)
        assertReads(
            "[mpm_event:error] [pid 487:tid 487] (11)Resource temporarily unavailable: AH00481: fork: Unable to fork new process",
            "Apache httpd", .process)
        assertReads(
            "[28-Nov-2026 04:36:16] ERROR: fork() failed: Resource temporarily unavailable (11)", "PHP-FPM", .process)
        // Varnish's own words stay Varnish's.
        XCTAssertEqual(
            Explainer.explain("Create worker thread failed 11 Resource temporarily unavailable").message.program,
            "Varnish")
    }
}
