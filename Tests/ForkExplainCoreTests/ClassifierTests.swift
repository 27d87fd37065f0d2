import XCTest

@testable import ForkExplainCore

final class ClassifierTests: XCTestCase {
    func testInjectedFailureSaysSoFirst() throws {
        var record = try Fixture.record("centos7-pid-max.jsonl")
        XCTAssertFalse(Classifier().classify(record).evidence.contains { $0.contains("FORKEXPLAIN_INJECT") })
        record.call?.injected = true
        let verdict = Classifier().classify(record)
        XCTAssertEqual(verdict.id, .pidMax, "the numbers still decide the verdict")
        XCTAssertTrue(verdict.evidence[0].hasPrefix("injected by FORKEXPLAIN_INJECT"))
    }
}
