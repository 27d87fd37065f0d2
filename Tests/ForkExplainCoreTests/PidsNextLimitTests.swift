import XCTest

@testable import ForkExplainCore

/// The fix for a full pids level names the parent a raise would run into
/// next (code-server#1847: a unit at 22 of 22 under a slice at 48 of 49).
final class PidsNextLimitTests: XCTestCase {
    private func level(_ path: String, max: Int64?, current: Int64) -> PIDsCgroupLevel {
        var level = PIDsCgroupLevel(version: 1, path: path, dir: "/sys/fs/cgroup/pids\(path)")
        level.max = max.map { .value($0) } ?? .unlimited
        level.current = current
        return level
    }

    private func verdict(_ levels: [PIDsCgroupLevel]) throws -> Verdict {
        var record = try Fixture.record("rlimit-nproc.jsonl")
        var cgroups = record.cgroups ?? CgroupsSnapshot()
        cgroups.pids = levels
        record.cgroups = cgroups
        return try XCTUnwrap(CgroupPidsRule().evaluate(FailureContext(record: record)))
    }

    func testAParentWithLessRoomThanTheRaiseIsNamed() throws {
        let verdict = try verdict([
            level("/user.slice/user-0.slice/user@0.service/app.service", max: 22, current: 22),
            level("/user.slice/user-0.slice/user@0.service", max: nil, current: 40),
            level("/user.slice/user-0.slice", max: 49, current: 48),
        ])
        let line = try XCTUnwrap(verdict.advice.first { $0.hasPrefix("Raise /user.slice/user-0.slice too") })
        XCTAssertTrue(line.contains("pids.max 49 and holds 48, so it would refuse after 1 more task,"), line)
        XCTAssertTrue(line.contains("not the 64 a raise to 86 allows (112 or more there)"), line)
    }

    func testAParentWithRoomEnoughIsNotNamed() throws {
        let verdict = try verdict([
            level("/system.slice/app.service", max: 22, current: 22),
            level("/system.slice", max: 1000, current: 100),
        ])
        XCTAssertFalse(verdict.advice.contains { $0.contains("too: it sits above") }, "\(verdict.advice)")
    }
}
