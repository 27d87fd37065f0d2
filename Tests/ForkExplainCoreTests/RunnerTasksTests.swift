import Foundation
import XCTest

@testable import ForkExplainCore

/// What `run` adds for its own tasks among those a limit counted.
final class RunnerTasksTests: XCTestCase {
    typealias R = ContainerRecords

    private func report(_ record: LogRecord) -> Report {
        ReportBuilder().build(records: [record])
    }

    func testProcSelfCgroupGivesEachVersionsPidsCgroup() {
        let text = "12:pids:/run-test\n11:cpu,cpuacct:/x\n1:name=systemd:/user.slice\n0::/user.slice/a.scope\n"
        XCTAssertEqual(RunnerTasks.pidsCgroups(procSelfCgroup: text), [1: "/run-test", 2: "/user.slice/a.scope"])
        XCTAssertEqual(RunnerTasks.pidsCgroups(procSelfCgroup: "5:cpu,pids:/a\n"), [1: "/a"])
    }

    func testRunInTheFullCgroupIsCounted() throws {
        let pids = "[\(R.level("/jobs/build", max: "16", current: 16, events: 3)),\(R.level("/jobs")),\(R.level("/"))]"
        let runner = RunnerTasks(pid: 500, tasks: 3, uid: 0, pidsCgroup: [2: "/jobs/build"])
        let notes = runner.notes(for: report(try R.record(pids: pids)))
        XCTAssertEqual(
            notes,
            [
                "forkexplain run itself (pid 500) held 3 of the 16 tasks counted in /jobs/build (pids.max 16), waiting there for the command: the command and what it started held the other 13"
            ])
    }

    func testRunBelowTheBindingLevelIsCountedThere() throws {
        let pids = "[\(R.level("/jobs/build")),\(R.level("/jobs", max: "40", current: 40, events: 1)),\(R.level("/"))]"
        let runner = RunnerTasks(pid: 500, tasks: 1, uid: 0, pidsCgroup: [2: "/jobs/build/runner"])
        let notes = runner.notes(for: report(try R.record(pids: pids)))
        XCTAssertEqual(notes.count, 1)
        XCTAssertTrue(
            notes[0].hasPrefix(
                "forkexplain run itself (pid 500) held 1 of the 40 tasks counted in /jobs (pids.max 40)"),
            notes[0])
    }

    func testRunOutsideTheCgroupOrOfAnotherVersionIsNotCounted() throws {
        let pids = "[\(R.level("/jobs/build", max: "16", current: 16, events: 3)),\(R.level("/"))]"
        let record = try R.record(pids: pids)
        // The command moved itself into /jobs/build; run stayed in /jobs/buildx.
        XCTAssertEqual(
            RunnerTasks(pid: 1, tasks: 3, uid: 0, pidsCgroup: [2: "/jobs/buildx"]).notes(for: report(record)), [])
        XCTAssertEqual(
            RunnerTasks(pid: 1, tasks: 3, uid: 0, pidsCgroup: [1: "/jobs/build"]).notes(for: report(record)), [])
    }

    /// A command that made its own cgroup namespace shows its cgroup as /:
    /// that / is not the run process's, whatever its own path.
    func testAnotherCgroupNamespaceIsNotCompared() throws {
        let pids = "[\(R.level("/", max: "6", current: 6, events: 1))]"
        let record = try R.record(pids: pids, container: R.ownNs)
        let outside = RunnerTasks(pid: 1, tasks: 1, uid: 0, pidsCgroup: [2: "/jobs"], cgroupNamespace: 4_026_531_835)
        XCTAssertEqual(outside.notes(for: report(record)), [])
        let inside = RunnerTasks(pid: 1, tasks: 1, uid: 0, pidsCgroup: [2: "/"], cgroupNamespace: 4_026_532_781)
        XCTAssertEqual(inside.notes(for: report(record)).count, 1)
    }

    func testRLimitNPROCCountsRunWhenItRunsAsTheUid() throws {
        let limits = #""nproc":{"soft":64,"hard":64},"uid_tasks":64"#
        let record = try R.record(pids: "[\(R.level("/"))]", limits: limits, uid: 1000)
        XCTAssertEqual(report(record).incidents.first?.verdict.id, .rlimitNPROC)
        let same = RunnerTasks(pid: 9, tasks: 2, uid: 1000, pidsCgroup: [:]).notes(for: report(record))
        XCTAssertEqual(
            same,
            [
                "forkexplain run itself (pid 9) held 2 of the 64 tasks counted for uid 1000, as it runs as that uid too: the command and the uid's other processes held the other 62"
            ])
        // Run as root (the command dropped to 1000 itself): not among them.
        XCTAssertEqual(RunnerTasks(pid: 9, tasks: 2, uid: 0, pidsCgroup: [:]).notes(for: report(record)), [])
    }
}
