import XCTest

@testable import ForkExplainCore

/// `report --filter KEY=VALUE` on Fixtures/workloads.jsonl: a Kubernetes
/// pod's Java thread on node-4, a docker container and an nginx unit on web-7.
final class RecordSelectorTests: XCTestCase {
    static let pod = "5f0c6a2e-9b1d-4c57-8e3a-2d7f1b9c4e60"
    static let docker = "9db607e42f398fac4505c1102a018e4e92ee7e47d944c8530226dd1c2b4a0758"

    private func pids(_ filters: String...) throws -> [Int] {
        let selectors = try filters.map { try RecordSelector(parsing: $0) }
        let report = try Fixture.report(["workloads.jsonl"], filter: EventFilter(selectors: selectors))
        return report.events.compactMap(\.pid)
    }

    func testParsing() throws {
        let selector = try RecordSelector(parsing: "Host=web-7=b")
        XCTAssertEqual(selector.key, .host)
        XCTAssertEqual(selector.value, "web-7=b", "only the first = separates")
        XCTAssertEqual(selector.description, "host=web-7=b")
        XCTAssertThrowsError(try RecordSelector(parsing: "image=nginx")) {
            XCTAssertEqual($0 as? RecordSelectorError, .unknownKey("image"))
        }
        XCTAssertThrowsError(try RecordSelector(parsing: "web-7")) {
            XCTAssertEqual($0 as? RecordSelectorError, .notKeyValue("web-7"))
        }
        XCTAssertThrowsError(try RecordSelector(parsing: "pod=")) {
            XCTAssertEqual($0 as? RecordSelectorError, .emptyValue(.pod))
        }
        XCTAssertEqual(
            RecordSelectorError.unknownKey("image").description,
            "--filter key 'image' is unknown; use one of: container, pod, unit, host, thread")
    }

    func testEachKeySelectsItsWorkload() throws {
        XCTAssertEqual(try pids(), [41, 300, 512])
        XCTAssertEqual(try pids("host=web-7"), [300, 512])
        XCTAssertEqual(try pids("host=web"), [], "host names match whole")
        XCTAssertEqual(try pids("thread=pool-3-thread-7"), [41])
        XCTAssertEqual(try pids("thread=bash"), [300], "the main thread is named by comm")
        XCTAssertEqual(try pids("unit=nginx.service"), [512])
        XCTAssertEqual(try pids("unit=nginx"), [512], "a bare name is NAME.service")
        XCTAssertEqual(try pids("pod=\(Self.pod)"), [41])
        XCTAssertEqual(try pids("pod=\(Self.pod.uppercased().replacingOccurrences(of: "-", with: "_"))"), [41])
        XCTAssertEqual(try pids("container=\(Self.docker)"), [300])
        XCTAssertEqual(try pids("container=\(Self.docker.prefix(12))"), [300], "docker ps's short id")
        XCTAssertEqual(try pids("container=\(Self.docker.prefix(4))"), [], "too short a prefix to be an id")
    }

    func testSelectorsAreAllRequired() throws {
        XCTAssertEqual(try pids("host=web-7", "thread=nginx"), [512])
        XCTAssertEqual(try pids("host=node-4", "thread=nginx"), [])
        XCTAssertEqual(try pids("host=web-7", "host=node-4"), [])
    }
}
