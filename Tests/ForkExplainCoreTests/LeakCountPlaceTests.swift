import Foundation
import XCTest

@testable import ForkExplainCore

/// Where the leak count of a full pids level is to be run
/// (CgroupPidsRule.whereToCount): the path and the pids it reads are those
/// of where the process ran.
final class LeakCountPlaceTests: XCTestCase {
    typealias R = ContainerRecords

    private func leakAdvice(_ record: LogRecord) throws -> String {
        let verdict = Classifier().classify(record)
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        return try XCTUnwrap(verdict.advice.first { $0.hasPrefix("Look for a leak first") }, "\(verdict.advice)")
    }

    func testTheLeakCountOnTheHostSaysSo() throws {
        let pids = "[\(R.level("/jobs/build", max: "16", current: 16, events: 3)),\(R.level("/"))]"
        let advice = try leakAdvice(try R.record(pids: pids))
        XCTAssertTrue(advice.contains("under that level, as root on this host: `ps "), advice)
        // cgroup.procs has a pid a line; ps -p takes a list split by commas.
        XCTAssertTrue(
            advice.contains("-p \"$(cat $(find /sys/fs/cgroup/jobs/build -name cgroup.procs) | paste -sd,)\""), advice)
    }

    /// The holders are the PID namespace's: a parent with more zombies than
    /// the level counts holds them elsewhere, and is not the fix; one that
    /// may be in the level comes first, and the count still follows.
    func testZombiesElsewhereDoNotReplaceTheCount() throws {
        let pids = "[\(R.level("/jobs/build", max: "16", current: 16, events: 3)),\(R.level("/"))]"
        var record = try R.record(pids: pids)
        record.top = TopSnapshot(holders: [PIDHolder(pid: 1, comm: "init", threads: 1, zombies: 40)])
        XCTAssertNil(HolderEvidence.reapAdvice(record.top, tasks: 16))
        var advice = Classifier().classify(record).advice
        XCTAssertFalse(advice.contains { $0.hasPrefix("Reap the zombies first") }, "\(advice)")
        XCTAssertTrue(advice.contains { $0.hasPrefix("Look for a leak first") }, "\(advice)")

        record.top = TopSnapshot(holders: [PIDHolder(pid: 70, comm: "runner", threads: 1, zombies: 12)])
        advice = Classifier().classify(record).advice
        let reap = try XCTUnwrap(advice.firstIndex { $0.hasPrefix("Reap the zombies first: runner (pid 70)") })
        let count = try XCTUnwrap(advice.firstIndex { $0.hasPrefix("Look for a leak first") }, "\(advice)")
        XCTAssertLessThan(reap, count)
    }

    func testTheLeakCountOfAContainerIsRunInsideIt() throws {
        let pids =
            "[\(R.level("/", max: "32", current: 32, events: 3, dir: "/sys/fs/cgroup"))]"
        let mount = #""version":2,"mount":"/sys/fs/cgroup","root":"/docker/\#(R.dockerId)""#
        let record = try R.record(pids: pids, container: R.ownNs, mount: mount)
        XCTAssertTrue(ContainerIdentity(record: record).isContainerView)
        let advice = try leakAdvice(record)
        XCTAssertTrue(advice.contains("inside the container, where /sys/fs/cgroup is the path"), advice)
        XCTAssertTrue(advice.contains("nsenter --target PID --mount --pid"), advice)
        XCTAssertFalse(advice.contains("as root on this host"), advice)
    }
}
