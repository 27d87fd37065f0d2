import XCTest

@testable import ForkExplainCore

/// A unit's raise proposes twice its limit; where the record has the
/// level's pids.peak (Linux 6.1 and later) the fix says to size TasksMax=
/// from what the unit really reached (docs/kernel-facts.md §11.214), in
/// `report` and, read live, in `check`, which also shows the peak; before
/// Linux 6.1 neither says anything of it (§11.224).
final class TasksMaxPeakTests: XCTestCase {
    typealias R = ContainerRecords

    /// jenkins.service at 512 with `current` tasks and, if given, its peak.
    private func unit(current: Int, peak: Int?) -> String {
        let level = R.level("/system.slice/jenkins.service", max: "512", current: current, events: 9)
        return peak.map { String(level.dropLast()) + #","peak":\#($0)}"# } ?? level
    }

    private func unitFix(peak: Int?) throws -> String {
        let verdict = Classifier().classify(
            try R.record(call: "fork", pids: "[" + unit(current: 512, peak: peak) + "]"))
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        return try XCTUnwrap(verdict.advice.first { $0.hasPrefix("systemd owns this level, unit jenkins.service") })
    }

    private func check(peak: Int?) throws -> String {
        let record = try R.record(pids: "[" + unit(current: 500, peak: peak) + "," + R.level("/", current: 900) + "]")
        return CheckTextRenderer().render(CheckReport(record: record))
    }

    /// The raise's number, and the peak's sizing where `sized`.
    private func assertRaise(_ text: String, sized: Bool, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(text.contains("TasksMax=1024"), text, file: file, line: line)
        let sizing = text.contains(
            "not by doubling again: after its busiest run under the raised limit, `cat /sys/fs/cgroup/system.slice/jenkins.service/pids.peak`"
        )
        XCTAssertEqual(sizing, sized, text, file: file, line: line)
        if !sized { XCTAssertFalse(text.contains("pids.peak"), text, file: file, line: line) }
    }

    func testAPeakSizesTheRaise() throws {
        assertRaise(try unitFix(peak: 512), sized: true)
    }

    func testNoPeakBefore61NoSizing() throws {
        assertRaise(try unitFix(peak: nil), sized: false)
    }

    func testCheckShowsThePeakAndSizesFromIt() throws {
        let text = try check(peak: 511)
        XCTAssertTrue(
            text.contains(
                "pids.peak 511 in /sys/fs/cgroup/system.slice/jenkins.service: the most tasks jenkins.service's cgroup has held since it started"
            ), text)
        assertRaise(text, sized: true)
    }

    func testCheckWithoutPeakSaysNothingNew() throws {
        assertRaise(try check(peak: nil), sized: false)
    }
}
