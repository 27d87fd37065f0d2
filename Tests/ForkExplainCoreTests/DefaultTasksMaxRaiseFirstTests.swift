import XCTest

@testable import ForkExplainCore

/// A unit at a TasksMax= nobody chose (systemd 228's DefaultTasksMax=512,
/// UniFi's unifi.service, docs/kernel-facts.md §11.219): the unit's raise
/// leads and the program's own pool cap follows it; a limit someone set
/// keeps the program's pools first (§11.184, §11.225).
final class DefaultTasksMaxRaiseFirstTests: XCTestCase {
    typealias R = ContainerRecords

    private func advice(max: Int) throws -> [String] {
        let level = R.level("/system.slice/unifi.service", max: "\(max)", current: max, events: 7)
        var record = try R.record(call: "pthread_create", pids: "[" + level + "," + R.level("/", current: 900) + "]")
        record.top = TopSnapshot(holders: [
            PIDHolder(pid: 77, comm: "app", threads: Int64(max) * 88 / 100),
            PIDHolder(pid: 90, comm: "mongod", threads: Int64(max) * 12 / 100),
        ])
        let verdict = Classifier().classify(record)
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        return verdict.advice
    }

    func testAtSystemdsDefaultTheUnitsRaiseLeadsThePoolsFollow() throws {
        let advice = try advice(max: 512)
        XCTAssertGreaterThan(advice.count, 2, "\(advice)")
        XCTAssertTrue(advice[0].contains("`systemctl set-property unifi.service TasksMax=1024`"), "\(advice)")
        XCTAssertTrue(advice[1].contains("app (pid 77) has 450 threads"), "\(advice)")
    }

    func testAtALimitSomeoneChoseThePoolsStillLead() throws {
        let advice = try advice(max: 500)
        XCTAssertTrue(advice[0].contains("app (pid 77) has 440 threads"), "\(advice)")
    }
}
