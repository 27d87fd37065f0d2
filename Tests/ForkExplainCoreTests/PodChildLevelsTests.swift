import Foundation
import XCTest

@testable import ForkExplainCore

/// check names a pod level's children one by one: what each directory is,
/// largest first, at most 8, the rest summed (docs/kernel-facts.md §11.150).
final class PodChildLevelsTests: XCTestCase {
    typealias R = ContainerRecords
    static let id = "8a6c4e2f0b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3c"

    func testNamesEachRuntimesLevel() {
        let id = Self.id
        XCTAssertEqual(
            PodChildLevels.label("cri-containerd-\(id).scope", sandbox: false), "containerd container 8a6c4e2f0b1d")
        XCTAssertEqual(PodChildLevels.label("crio-\(id).scope", sandbox: false), "CRI-O container 8a6c4e2f0b1d")
        XCTAssertEqual(
            PodChildLevels.label("crio-conmon-\(id).scope", sandbox: false), "CRI-O conmon of container 8a6c4e2f0b1d")
        XCTAssertEqual(PodChildLevels.label("docker-\(id).scope", sandbox: false), "Docker container 8a6c4e2f0b1d")
        XCTAssertEqual(PodChildLevels.label(id, sandbox: false), "container 8a6c4e2f0b1d")
        XCTAssertEqual(
            PodChildLevels.label(id, sandbox: true), "container 8a6c4e2f0b1d (the pod's sandbox: pause)")
        // Not an id: the directory's own name.
        XCTAssertEqual(
            PodChildLevels.label("cri-containerd-notanid.scope", sandbox: false), "cri-containerd-notanid.scope")
        XCTAssertEqual(PodChildLevels.label("debug", sandbox: false), "debug")
    }

    func testLargestFirstAtMostEightTheRestSummed() {
        let children = (1...11).map { PodChildLevels.Child(name: "c\($0)", tasks: Int64($0 % 6)) }
        let levels = PodChildLevels.of(.init(children: children, podTasks: 40, complete: true))
        XCTAssertEqual(levels.shown.map(\.cgroup), ["c11", "c5", "c10", "c4", "c3", "c9", "c2", "c8"])
        XCTAssertEqual(levels.shown.map(\.tasks), [5, 5, 4, 4, 3, 3, 2, 2])
        XCTAssertEqual(levels.moreLevels, 3)
        // c1 and c7 hold 1 each, c6 none.
        XCTAssertEqual(levels.moreTasks, 2)
        XCTAssertEqual(levels.ownLevelTasks, 40 - 30)
        XCTAssertEqual(
            levels.lines.suffix(2),
            ["and 3 more levels: 2 tasks", "10 tasks in the pod's level itself, in no container's"])
    }

    func testAnIncompleteReadGivesNoOwnLevelCount() {
        let levels = PodChildLevels.of(.init(children: [.init(name: "a", tasks: 1)], podTasks: 9, complete: false))
        XCTAssertNil(levels.ownLevelTasks)
        XCTAssertEqual(levels.lines, ["1 task in a", "(the first 256 child levels or 1024 entries read)"])
    }

    /// check's text and JSON, with the pod's children read.
    func testCheckListsTheChildLevels() throws {
        let pod = "/kubepods/burstable/pod\(R.podUid)"
        let dir = "/sys/fs/cgroup/pids"
        let levels = [
            R.level(pod + "/" + R.dockerId, current: 1, events: 0, version: 1, dir: dir + pod + "/" + R.dockerId),
            R.level(pod, max: "4", current: 4, events: 1, version: 1, dir: dir + pod),
            R.level("/kubepods/burstable", current: 50, events: 0, version: 1, dir: dir + "/kubepods/burstable"),
        ]
        let mount = #""version":1,"mount":"/sys/fs/cgroup/pids","root":"/""#
        let record = try R.record(pids: "[" + levels.joined(separator: ",") + "]", mount: mount)
        var check = CheckReport(record: record)
        var asked: String?
        check.readPodChildren {
            asked = $0
            return .init(
                children: [
                    .init(name: R.dockerId, tasks: 1), .init(name: Self.id, tasks: 2),
                    .init(name: "0123456789ab0123456789ab", tasks: 1, sandbox: true),
                ], podTasks: 4, complete: true)
        }
        XCTAssertEqual(asked, dir + pod)
        let text = try CheckTextRenderer().render(check)
        XCTAssertTrue(
            text.contains(
                "\n         2 tasks in container 8a6c4e2f0b1d\n         1 task in container 0123456789ab (the pod's sandbox: pause)\n         1 task in container \(R.dockerId.prefix(12)) (this container)\n"
            ), text)
        let json = try CheckJSONRenderer().render(check)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let container = try XCTUnwrap(object["container"] as? [String: Any])
        let shown = try XCTUnwrap(container["child_levels"] as? [[String: Any]])
        XCTAssertEqual(shown.map { $0["tasks"] as? Int }, [2, 1, 1])
        XCTAssertEqual(shown.first?["cgroup"] as? String, Self.id)
        XCTAssertEqual(shown[1]["sandbox"] as? Bool, true)
        XCTAssertEqual(shown.map { $0["this_container"] as? Bool }, [nil, nil, true])
        XCTAssertEqual(container["pod_level_tasks"] as? Int, 0)
        XCTAssertEqual(container["container_tasks"] as? Int, 1)
        XCTAssertEqual(container["other_containers_tasks"] as? Int, 3)
    }

    /// Not a pod's level: nothing is read.
    func testNoPodNoRead() throws {
        let record = try R.record(
            pids: "[" + [R.level("/system.slice/a.service", max: "10", current: 9, events: 0)].joined() + "]")
        var check = CheckReport(record: record)
        check.readPodChildren { _ in
            XCTFail("read for a level that is not a pod's")
            return nil
        }
        XCTAssertNil(check.container?.children)
    }
}
