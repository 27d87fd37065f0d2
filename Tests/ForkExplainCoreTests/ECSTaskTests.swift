import Foundation
import XCTest

@testable import ForkExplainCore

/// Amazon ECS tasks on EC2 (docs/kernel-facts.md §11.146): the agent's task
/// cgroup, /ecs/TASKID on v1 and ecstasks.slice/ecstasks-TASKID.slice on v2
/// (aws/amazon-ecs-agent agent/api/task/task_linux.go), takes its pids.max
/// from ECS_TASK_PIDS_LIMIT.
final class ECSTaskTests: XCTestCase {
    typealias R = ContainerRecords
    let classifier = Classifier()
    static let task = "e95a40efbde84cbc8600660a109ec194"

    func testTheV2TaskSliceAndItsDockerScope() throws {
        let path = "/ecstasks.slice/ecstasks-\(Self.task).slice/docker-\(R.dockerId).scope"
        let id = try R.identity(pids: #"[{"version":2,"path":"\#(path)"}]"#)
        XCTAssertEqual(id.ecsTask, Self.task)
        XCTAssertEqual(id.runtime, .docker)
        XCTAssertEqual(id.containerId, R.dockerId)
        XCTAssertEqual(id.workloadName, "docker container \(R.dockerId.prefix(12)), ECS task \(Self.task)")
    }

    func testTheV1TaskLevelAndItsContainer() throws {
        let id = try R.identity(pids: #"[{"version":1,"path":"/ecs/\#(Self.task)/\#(R.dockerId)"}]"#)
        XCTAssertEqual(id.ecsTask, Self.task)
        XCTAssertEqual(id.runtime, .docker)
        XCTAssertEqual(id.containerId, R.dockerId)
        // Not a task id: 31 digits.
        XCTAssertNil(ECSTask.id(String(Self.task.dropLast()), parent: "ecs"))
    }

    /// The task level is full (ECS_TASK_PIDS_LIMIT=100): the agent's
    /// setting, not the unit's TasksMax= nor docker's --pids-limit.
    func testAFullTaskLevelNamesTheAgentsSetting() throws {
        let task = "/ecstasks.slice/ecstasks-\(Self.task).slice"
        let advice = try R.hostPidsAdvice(
            [
                R.level(task + "/docker-\(R.dockerId).scope", current: 60, events: 0),
                R.level(task, max: "100", current: 100, events: 2), R.level("/ecstasks.slice", current: 130, events: 0),
            ], binding: task)
        let agent = "`ECS_TASK_PIDS_LIMIT=200` in /etc/ecs/ecs.config"
        XCTAssertTrue(advice.contains { $0.contains(agent) && $0.contains("ECS task \(Self.task)") }, "\(advice)")
        XCTAssertFalse(advice.contains { $0.contains("set-property ecstasks-") }, "\(advice)")
    }

    /// check on v2: the task slice is the agent's, so the line names the
    /// task, as its fix does, not a unit's TasksMax= (§11.146).
    func testCheckOnTheV2TaskSliceNamesTheTask() throws {
        let task = "/ecstasks.slice/ecstasks-\(Self.task).slice"
        let levels = [
            R.level(task + "/docker-\(R.dockerId).scope", current: 60, events: 0),
            R.level(task, max: "100", current: 98, events: 0), R.level("/ecstasks.slice", current: 130, events: 0),
        ]
        let check = CheckReport(record: try R.record(pids: "[" + levels.joined(separator: ",") + "]"))
        XCTAssertNil(check.unit)
        let line = try XCTUnwrap(check.container?.line)
        XCTAssertEqual(
            line, "the tightest pids level, \(task), is ECS task \(Self.task)'s pids limit (room for 2 more)")
        XCTAssertTrue(
            check.container?.fixes.first?.contains("ECS_TASK_PIDS_LIMIT=200") == true, "\(check.container?.fixes ?? [])"
        )
    }

    /// A v1 container sees its own path (no cgroup namespace), its task's
    /// level above it: the agent's setting again.
    func testAFullV1TaskLevelSeenFromItsContainer() throws {
        let pids = [
            R.level("/", current: 40, events: 0, version: 1, dir: "/sys/fs/cgroup/pids")
        ]
        let mount = #""version":1,"mount":"/sys/fs/cgroup/pids","root":"/ecs/\#(Self.task)/\#(R.dockerId)""#
        let record = try R.record(
            pids: "[" + pids.joined(separator: ",") + "]", container: R.hostNs + #","markers":["/.dockerenv"]"#,
            mount: mount)
        let identity = ContainerIdentity(record: record)
        XCTAssertEqual(identity.ecsTask, Self.task)
        let advice = PidsLimitOwner.advice(
            place: .above, path: nil, dir: nil, version: 1, newMax: nil, identity: identity)
        XCTAssertEqual(advice.count, 1)
        XCTAssertTrue(advice[0].contains("ECS_TASK_PIDS_LIMIT=N"), "\(advice)")
    }

    /// The kernel's line names the container's scope; its parent, the
    /// task slice, gets the agent's setting.
    func testTheKernelsLineNamesTheTaskLevel() throws {
        let scope = "/ecstasks.slice/ecstasks-\(Self.task).slice/docker-\(R.dockerId).scope"
        let fixes = try R.kernelLineFixes(scope)
        let task = "`/ecstasks.slice/ecstasks-\(Self.task).slice`: ECS task"
        XCTAssertTrue(fixes.contains { $0.hasPrefix(task) && $0.contains("ECS_TASK_PIDS_LIMIT=N") }, "\(fixes)")
    }
}
