import Foundation
import XCTest

@testable import ForkExplainCore

/// A BuildKit RUN step's cgroup (docs/kernel-facts.md §11.149): one per step,
/// named by a 25-character base-36 id, with no pids limit of BuildKit's own.
final class BuildKitStepTests: XCTestCase {
    typealias R = ContainerRecords
    static let step = "k3v9x0m2q7w4e1r8t5y6u3i0o"

    /// dockerd's builder on the systemd cgroup driver: the step's scope
    /// takes DefaultTasksMax= (15 % of threads-max 250000 here).
    func testAStepScopeAtSystemdsDefault() throws {
        let scope = "/system.slice/docker-\(Self.step).scope"
        let levels = [
            R.level(scope, max: "37500", current: 37500, events: 4),
            R.level("/system.slice", current: 38000, events: 0),
        ]
        let record = try R.record(pids: "[" + levels.joined(separator: ",") + "]")
        let identity = ContainerIdentity(record: record)
        XCTAssertEqual(identity.workloadName, "BuildKit RUN step \(Self.step)")
        XCTAssertNil(identity.containerId)
        let advice = try R.hostPidsAdvice(levels, binding: scope)
        XCTAssertTrue(advice[0].contains("one RUN step of a BuildKit build (step \(Self.step))"), "\(advice)")
        XCTAssertTrue(advice[0].contains("takes systemd's DefaultTasksMax="), "\(advice)")
        XCTAssertFalse(advice.contains { $0.contains("set-property docker-\(Self.step).scope TasksMax=") }, "\(advice)")
    }

    /// The cgroupfs driver (/docker/buildkit/ID) and buildkitd's own
    /// default (/buildkit/ID); a docker container's 64-hex scope is not a step.
    func testTheCgroupfsPathsAndAContainersScope() throws {
        XCTAssertEqual(IdentityClues.cgroupPath("/docker/buildkit/\(Self.step)").buildKitStep, Self.step)
        XCTAssertEqual(IdentityClues.cgroupPath("/buildkit/\(Self.step)").buildKitStep, Self.step)
        XCTAssertNil(IdentityClues.cgroupPath("/system.slice/docker-\(R.dockerId).scope").buildKitStep)
        XCTAssertNil(IdentityClues.cgroupPath("/buildkit/\(Self.step.uppercased())").buildKitStep)
        let advice = PidsLimitOwner.ownerOfHostLevel("/docker/buildkit/\(Self.step)", version: 1, n: "N")
        XCTAssertEqual(advice.count, 1)
        XCTAssertTrue(advice[0].contains("a level above binds (dockerd's cgroup parent"), "\(advice)")
    }
}
