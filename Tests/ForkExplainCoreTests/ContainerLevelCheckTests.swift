import Foundation
import XCTest

@testable import ForkExplainCore

/// check on a container's own full level (docs/kernel-facts.md §11.157):
/// on cgroup v2 with the systemd driver the runtime's limit is its scope's
/// TasksMax=, written by runc's systemd driver for the runtime, so the line
/// names the container and its runtime's knob, not a unit file's; with the
/// cgroupfs driver the level is a bare id, which named nothing before.
final class ContainerLevelCheckTests: XCTestCase {
    typealias R = ContainerRecords
    static let pod =
        "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod\(R.podUid.replacingOccurrences(of: "-", with: "_")).slice"

    /// check on `levels` (own first): no unit line, the container's line
    /// naming `name` at `path` with `room`, and its first fix holding `fix`.
    func assertContainer(
        _ levels: [String], path: String, name: String, room: Int, fix: String, file: StaticString = #filePath,
        line: UInt = #line
    ) throws {
        let check = CheckReport(record: try R.record(pids: "[" + levels.joined(separator: ",") + "]"))
        XCTAssertNil(check.unit, file: file, line: line)
        XCTAssertEqual(
            check.container?.line, "the tightest pids level, \(path), is \(name)'s pids limit (room for \(room) more)",
            file: file, line: line)
        let fixes = check.container?.fixes ?? []
        XCTAssertTrue(fixes.first?.contains(fix) == true, "\(fixes)", file: file, line: line)
    }

    func testACRIOScopeIsTheContainersLimitNotAUnitFiles() throws {
        let scope = Self.pod + "/crio-\(R.dockerId).scope"
        try assertContainer(
            [R.level(scope, max: "1024", current: 1024, events: 3), R.level(Self.pod, max: "4096", current: 1030)],
            path: scope, name: "CRI-O container \(R.dockerId.prefix(12)) (Kubernetes pod \(R.podUid))", room: 0,
            fix: "`pids_limit = 2048` in crio.conf")
    }

    func testABareIdBelowAPodIsOneContainersLevel() throws {
        let pod = "/kubepods/burstable/pod\(R.podUid)"
        let level = pod + "/" + R.dockerId
        try assertContainer(
            [R.level(level, max: "100", current: 99), R.level(pod, max: "4096", current: 120)], path: level,
            name: "container \(R.dockerId.prefix(12)) (Kubernetes pod \(R.podUid))", room: 1,
            fix:
                "kubelet sets no pids limit on a container (CRI's LinuxContainerResources has no pids field), so a limit here came from the runtime's own settings, from systemd's DefaultTasksMax= (a scope of the systemd cgroup driver given none: 15 % of threads-max or pid_max, §11.218), or by hand; podPidsLimit is on the pod's level, \(pod)"
        )
    }

    func testADockerScopeNamesDockersKnob() throws {
        let scope = "/system.slice/docker-\(R.dockerId).scope"
        try assertContainer(
            [R.level(scope, max: "200", current: 200, events: 1), R.level("/system.slice", current: 400)], path: scope,
            name: "docker container \(R.dockerId.prefix(12))", room: 0, fix: "docker update --pids-limit 400")
    }

    /// A unit inside a container seen from the host is the unit's.
    func testAUnitBelowAContainerIsNotTheContainers() throws {
        let unit = "/docker/\(R.dockerId)/system.slice/nginx.service"
        let check = CheckReport(
            record: try R.record(
                pids: "["
                    + R.level(unit, max: "30", current: 30, events: 1, version: 1, dir: "/sys/fs/cgroup/pids" + unit)
                    + "]"))
        XCTAssertNil(check.container)
        XCTAssertEqual(check.unit?.unit, "nginx.service")
    }
}
