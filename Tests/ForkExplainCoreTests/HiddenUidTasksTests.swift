import XCTest

@testable import ForkExplainCore

/// A PID namespace without a user namespace hides the other tasks of the
/// host uid that RLIMIT_NPROC counts (docs/kernel-facts.md §11.19,
/// scenario 125).
final class HiddenUidTasksTests: XCTestCase {
    let classifier = Classifier()

    /// rlimit-nproc.jsonl moved into a PID namespace of its own, its /proc
    /// showing `seen` of the uid's tasks.
    private func nested(comm: String, soft: Int64, seen: Int64) throws -> LogRecord {
        var record = try Fixture.record("rlimit-nproc.jsonl")
        record.process?.comm = comm
        record.pid?.pidNs = 4_026_532_290
        record.pid?.pidForChildrenNs = 4_026_532_290
        record.limits?.nproc?.soft = .value(soft)
        record.limits?.uidTasks = seen
        return record
    }

    func testAvahiInAPrivilegedContainerIsItsOwnRLimitNPROC() throws {
        let verdict = classifier.classify(try nested(comm: "avahi-daemon", soft: 3, seen: 1))
        XCTAssertEqual(verdict.id, .rlimitNPROC)
        XCTAssertEqual(verdict.confidence, .medium)
        XCTAssertTrue(verdict.evidence.contains { $0.contains("PID namespace of its own") }, "\(verdict.evidence)")
        XCTAssertTrue(verdict.advice.first?.contains("rlimit-nproc") == true, "\(verdict.advice)")
        XCTAssertTrue(verdict.advice.contains { $0.contains("ps -L -u 61234") }, "\(verdict.advice)")
    }

    func testAnyOtherProgramIsOnlyLowConfidence() throws {
        let verdict = classifier.classify(try nested(comm: "bash", soft: 4096, seen: 40))
        XCTAssertEqual(verdict.id, .rlimitNPROC)
        XCTAssertEqual(verdict.confidence, .low)
        XCTAssertFalse(verdict.advice.contains { $0.contains("rlimit-nproc") })
    }

    /// A limit at pid_max or above cannot bind first: no inference.
    func testALimitAbovePidMaxIsNotInferred() throws {
        let verdict = classifier.classify(try nested(comm: "bash", soft: 4_194_304, seen: 40))
        XCTAssertNotEqual(verdict.id, .rlimitNPROC)
    }

    /// In the initial PID namespace /proc shows every task: nothing hidden.
    func testTheInitialPIDNamespaceHidesNothing() throws {
        var record = try nested(comm: "bash", soft: 4096, seen: 40)
        record.pid?.pidNs = PIDSnapshot.initialNamespace
        record.pid?.pidForChildrenNs = PIDSnapshot.initialNamespace
        XCTAssertNotEqual(classifier.classify(record).id, .rlimitNPROC)
    }

    func testExplainPutsRLimitNPROCFirstForAvahisChrootHelper() {
        let explanation = Explainer.explain(
            "avahi-daemon[24036]: chroot.c: fork() failed: Resource temporarily unavailable")
        XCTAssertEqual(explanation.message.program, "avahi-daemon")
        XCTAssertEqual(explanation.causes.first?.id, "rlimit_nproc")
        XCTAssertTrue(explanation.message.notes.contains { $0.contains("rlimit-nproc") })
    }
}
