import XCTest

@testable import ForkExplainCore

/// nodejs/node#11041: 145 processes by `ps -ax` on a host whose
/// jenkins.service was refused at 512 tasks. A pids level's evidence says
/// that it counts threads, with both numbers, where the scan's processes
/// are far below the level's tasks (docs/kernel-facts.md §11.225).
final class ThreadsNotProcessesTests: XCTestCase {
    typealias R = ContainerRecords

    private func evidence(processes: Int64, complete: Bool = true) throws -> [String] {
        let level = R.level("/system.slice/jenkins.service", max: "512", current: 512, events: 3)
        var record = try R.record(call: "pthread_create", pids: "[" + level + "," + R.level("/", current: 900) + "]")
        var top = TopSnapshot(holders: [PIDHolder(pid: 2210, comm: "java", threads: 380)])
        top.processes = processes
        top.complete = complete
        record.top = top
        let verdict = Classifier().classify(record)
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        return verdict.evidence
    }

    func testFewProcessesAgainstManyTasksSaysTheLimitCountsThreads() throws {
        let evidence = try evidence(processes: 145)
        let line = try XCTUnwrap(evidence.first { $0.contains("top.processes") }, "\(evidence)")
        XCTAssertTrue(line.hasPrefix("the scan saw 145 processes in all (top.processes)"), line)
        XCTAssertTrue(line.contains("this level alone holds 512 tasks"), line)
        XCTAssertTrue(line.contains("counts every thread, not processes as `ps -ax`"), line)
        XCTAssertTrue(line.contains("`cat /sys/fs/cgroup/system.slice/jenkins.service/pids.current`"), line)
    }

    func testAsManyProcessesAsTasksOrAnIncompleteScanSaysNothing() throws {
        XCTAssertFalse(try evidence(processes: 400).contains { $0.contains("top.processes") })
        XCTAssertFalse(try evidence(processes: 145, complete: false).contains { $0.contains("top.processes") })
    }
}
