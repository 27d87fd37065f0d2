import XCTest

@testable import ForkExplainCore

/// The reader's reading of FORKEXPLAIN_LOG agrees with the shim's
/// (Tests/cunit/test_logname.c holds the same cases for the C side).
final class LogNameTemplateTests: XCTestCase {
    func testExpansion() {
        let name = LogNameTemplate("/var/log/fx/%h-%u-%p.jsonl")
        XCTAssertEqual(name.expanded(pid: 4242, uid: 1000, host: "web-7"), "/var/log/fx/web-7-1000-4242.jsonl")
        XCTAssertEqual(name.expanded(pid: nil, uid: 1000, host: "web-7"), "/var/log/fx/web-7-1000-%p.jsonl")
        XCTAssertEqual(LogNameTemplate("/tmp/a%%p%x%").expanded(pid: 1, uid: 0, host: "h"), "/tmp/a%p%x%")
        XCTAssertEqual(LogNameTemplate("/d/%h/x").expanded(pid: 1, uid: 0, host: "../etc"), "/d/_._etc/x")
        XCTAssertTrue(name.variesByProcess)
        XCTAssertFalse(LogNameTemplate("/tmp/%%p").variesByProcess)
        XCTAssertTrue(LogNameTemplate("/var/log/forkexplain/").isDirectory)
    }

    func testMatchingAnyPid() {
        let name = LogNameTemplate("/tmp/app.%u.%p.jsonl")
        XCTAssertTrue(name.matches("/tmp/app.1000.77.jsonl", uid: 1000, host: ""))
        XCTAssertFalse(name.matches("/tmp/app.1001.77.jsonl", uid: 1000, host: ""))
        XCTAssertFalse(name.matches("/tmp/app.1000..jsonl", uid: 1000, host: ""))
        XCTAssertFalse(name.matches("/tmp/app.1000.77.jsonl.1", uid: 1000, host: ""))
    }

    func testNamedUID() {
        XCTAssertEqual(LogDirectory.namedUID("forkexplain-1000.jsonl"), 1000)
        XCTAssertEqual(LogDirectory.namedUID("forkexplain-0.jsonl.1"), 0)
        XCTAssertNil(LogDirectory.namedUID("watch.jsonl"))
        XCTAssertNil(LogDirectory.namedUID("forkexplain-x.jsonl"))
    }
}
