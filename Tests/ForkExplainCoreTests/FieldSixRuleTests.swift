import XCTest

@testable import ForkExplainCore

/// The advice the sixth field audit added to rlimit_nproc (scenarios
/// 113–114): a way out for a user whose own shell cannot fork, and fewer
/// threads when the limit is not the user's to raise (docs/kernel-facts.md
/// §11.12).
final class FieldSixRuleTests: XCTestCase {
    let classifier = Classifier()

    func testAShellAtItsLimitIsToldTheBuiltinKillAndPkillFromElsewhere() throws {
        let verdict = classifier.classify(try Fixture.record("rlimit-nproc.jsonl"))
        XCTAssertEqual(verdict.id, .rlimitNPROC)
        let way = try XCTUnwrap(verdict.advice.first { $0.contains("kill -9 -1") })
        XCTAssertTrue(way.contains("`pkill -u 61234`"))
        XCTAssertTrue(way.contains("builtin"))
        // A fork is not a thread pool: no thread settings for it.
        XCTAssertFalse(verdict.advice.contains { $0.contains("GOMAXPROCS") })
    }

    func testAThreadRefusedAtTheLimitNamesTheSettingsThatShrinkPools() throws {
        var record = try Fixture.record("rlimit-nproc.jsonl")
        record.call?.name = "pthread_create"
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .rlimitNPROC)
        let fewer = try XCTUnwrap(verdict.advice.first { $0.contains("GOMAXPROCS") })
        XCTAssertTrue(fewer.contains("`GOMAXPROCS=1`"))
        XCTAssertTrue(fewer.contains("`go build -p 1`"))
        XCTAssertTrue(fewer.contains("codegen-units=1"))
    }

    func testRaisingTheLimitStaysTheFirstFix() throws {
        var record = try Fixture.record("rlimit-nproc.jsonl")
        record.call?.name = "pthread_create"
        let advice = classifier.classify(record).advice
        let raise = try XCTUnwrap(advice.firstIndex { $0.contains("ulimit -u") })
        let fewer = try XCTUnwrap(advice.firstIndex { $0.contains("GOMAXPROCS") })
        XCTAssertLessThan(raise, fewer)
    }
}
