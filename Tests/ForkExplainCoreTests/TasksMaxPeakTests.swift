import XCTest

@testable import ForkExplainCore

/// A unit's raise proposes twice its limit; where the record has the
/// level's pids.peak (Linux 6.1 and later) the fix says to size TasksMax=
/// from what the unit really reached (docs/kernel-facts.md §11.214).
final class TasksMaxPeakTests: XCTestCase {
    typealias R = ContainerRecords

    private func unitFix(peak: Int?) throws -> String {
        var level = R.level("/system.slice/jenkins.service", max: "512", current: 512, events: 9)
        if let peak { level = String(level.dropLast()) + #","peak":\#(peak)}"# }
        let verdict = Classifier().classify(try R.record(call: "fork", pids: "[" + level + "]"))
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        return try XCTUnwrap(verdict.advice.first { $0.hasPrefix("systemd owns this level, unit jenkins.service") })
    }

    func testAPeakSizesTheRaise() throws {
        let fix = try unitFix(peak: 512)
        XCTAssertTrue(fix.contains("TasksMax=1024"), fix)
        XCTAssertTrue(fix.contains("`cat /sys/fs/cgroup/system.slice/jenkins.service/pids.peak`"), fix)
        XCTAssertTrue(fix.contains("not by doubling again"), fix)
    }

    func testNoPeakBefore61NoSizing() throws {
        let fix = try unitFix(peak: nil)
        XCTAssertTrue(fix.contains("TasksMax=1024"), fix)
        XCTAssertFalse(fix.contains("pids.peak"), fix)
    }
}
