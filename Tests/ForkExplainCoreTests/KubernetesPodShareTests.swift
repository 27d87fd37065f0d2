import Foundation
import XCTest

@testable import ForkExplainCore

/// A pod's pids limit sits on the pod's own cgroup, which kubelet makes and
/// limits with podPidsLimit (docs/kernel-facts.md §11.147): every container
/// of the pod counts in it, so report and check name the pod level, what the
/// failing container holds and what the pod's other containers hold.
final class KubernetesPodShareTests: XCTestCase {
    typealias R = ContainerRecords
    static let systemdPod =
        "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod\(R.podUid.replacingOccurrences(of: "-", with: "_")).slice"
    static let cgroupfsPod = "/kubepods/burstable/pod\(R.podUid)"

    /// The systemd driver on v2: the app's scope holds 60, the pod 100 of 100.
    func systemdLevels(podMax: Int = 100, podCurrent: Int = 100) -> [String] {
        [
            R.level(Self.systemdPod + "/cri-containerd-\(R.dockerId).scope", current: 60, events: 0),
            R.level(Self.systemdPod, max: "\(podMax)", current: podCurrent, events: 3),
            R.level("/kubepods.slice/kubepods-burstable.slice", current: 300, events: 0),
            R.level("/kubepods.slice", current: 400, events: 0), R.level("/", current: 900, events: 0),
        ]
    }

    func testReportNamesThePodLevelAndTheOtherContainersShare() throws {
        let record = try R.record(pids: "[" + systemdLevels().joined(separator: ",") + "]")
        let verdict = Classifier().classify(record)
        XCTAssertEqual(verdict.bindingLimit.name, "cgroup pids \(Self.systemdPod)")
        XCTAssertTrue(
            verdict.evidence.contains {
                $0.contains("is Kubernetes pod \(R.podUid)'s own level")
                    && $0.contains("of its 100 tasks 60 are in this container's cgroup")
                    && $0.contains("40 in the pod's other containers")
            }, "\(verdict.evidence)")
        XCTAssertTrue(verdict.advice[0].contains("`podPidsLimit: 200`"), "\(verdict.advice)")
        XCTAssertTrue(verdict.advice[1].contains("its other containers hold 40 of its 100 tasks"), "\(verdict.advice)")
        XCTAssertTrue(verdict.advice[1].contains("for d in /sys/fs/cgroup\(Self.systemdPod)/*/"), "\(verdict.advice)")
    }

    /// The cgroupfs driver on v1: /kubepods/burstable/pod<UID>/<ID>.
    func testReportOnTheCgroupfsLayout() throws {
        let dir = "/sys/fs/cgroup/pids"
        let levels = [
            R.level(
                Self.cgroupfsPod + "/" + R.dockerId, current: 3, events: 0, version: 1,
                dir: dir + Self.cgroupfsPod + "/" + R.dockerId),
            R.level(Self.cgroupfsPod, max: "8", current: 8, events: 1, version: 1, dir: dir + Self.cgroupfsPod),
            R.level("/kubepods/burstable", current: 50, events: 0, version: 1, dir: dir + "/kubepods/burstable"),
        ]
        let mount = #""version":1,"mount":"/sys/fs/cgroup/pids","root":"/""#
        let record = try R.record(pids: "[" + levels.joined(separator: ",") + "]", mount: mount)
        let verdict = Classifier().classify(record)
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        XCTAssertTrue(
            verdict.evidence.contains {
                $0.contains("of its 8 tasks 3 are in this container's cgroup") && $0.contains("5 in the pod's other")
            },
            "\(verdict.evidence)")
        XCTAssertTrue(verdict.advice.contains { $0.contains("`podPidsLimit: 72`") }, "\(verdict.advice)")
        let check = CheckReport(record: record)
        XCTAssertNil(check.unit)
        let pod = try XCTUnwrap(check.container)
        XCTAssertEqual(pod.name, "Kubernetes pod \(R.podUid)")
        XCTAssertEqual(
            pod.line,
            "the tightest pids level, \(Self.cgroupfsPod), is Kubernetes pod \(R.podUid)'s pids limit (room for 0 more; 3 of its 8 tasks in this container, 5 in the pod's other containers)"
        )
        let json = try CheckJSONRenderer().render(check)
        XCTAssertTrue(json.contains("\"container_tasks\" : 3,"), json)
        XCTAssertTrue(json.contains("\"other_containers_tasks\" : 5,"), json)
    }

    /// check on the v2 layout: the pod slice is kubelet's, not a unit's
    /// TasksMax= (the systemd driver makes it a slice all the same).
    func testCheckNamesThePodNotASlicesTasksMax() throws {
        let record = try R.record(pids: "[" + systemdLevels(podCurrent: 97).joined(separator: ",") + "]")
        let check = CheckReport(record: record)
        XCTAssertNil(check.unit)
        let pod = try XCTUnwrap(check.container)
        XCTAssertTrue(
            pod.line.contains("is Kubernetes pod \(R.podUid)'s pids limit (room for 3 more; 60 of its 97 tasks"),
            pod.line)
        XCTAssertTrue(pod.fixes[0].contains("`podPidsLimit: 200`"), "\(pod.fixes)")
        XCTAssertTrue(pod.fixes[1].contains("its other containers hold 37 of its 97 tasks"), "\(pod.fixes)")
        XCTAssertFalse(pod.fixes.contains { $0.contains("TasksMax") }, "\(pod.fixes)")
    }

    /// explain on the kernel's line: the container's scope is not where
    /// podPidsLimit is written; the pod's slice is, with the pod to find.
    func testTheKernelsLineGivesPodPidsLimitToThePodsLevel() throws {
        let scope = Self.systemdPod + "/cri-containerd-\(R.dockerId).scope"
        let fixes = try R.kernelLineFixes(scope)
        let own = "`\(scope)`: This is one container's own level in Kubernetes pod \(R.podUid)"
        XCTAssertTrue(fixes.contains { $0.hasPrefix(own) && $0.contains("kubelet sets no pids limit") }, "\(fixes)")
        XCTAssertTrue(fixes.contains { $0.hasPrefix("`\(Self.systemdPod)`: The pod's limit is kubelet's") }, "\(fixes)")
        XCTAssertTrue(fixes.contains { $0.hasPrefix("`\(Self.systemdPod)`: Find the pod") }, "\(fixes)")
        XCTAssertFalse(fixes.contains { $0.hasPrefix("`\(scope)`: The pod's limit") }, "\(fixes)")
    }

    /// Not a pod's level: a QoS slice, a container's own scope.
    func testOnlyAPodLevelHasAShare() {
        XCTAssertNil(KubernetesPod.uid("kubepods-burstable.slice", parent: "kubepods.slice"))
        XCTAssertNil(KubernetesPod.uid("burstable", parent: "kubepods"))
        XCTAssertNil(KubernetesPod.uid("cri-containerd-\(R.dockerId).scope", parent: "kubepods-pod1.slice"))
        XCTAssertEqual(KubernetesPod.uid("pod\(R.podUid)", parent: "kubepods"), R.podUid)
        XCTAssertEqual(KubernetesPod.uid("kubelet-kubepods-besteffort-pod1_2.slice", parent: nil), "1-2")
    }
}
