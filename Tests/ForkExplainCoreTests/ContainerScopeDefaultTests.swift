import XCTest

@testable import ForkExplainCore

/// A container's transient scope at systemd's DefaultTasksMax=15 %, seen
/// from the node (docs/kernel-facts.md §11.218; the Bottlerocket post: 75895
/// of threads-max 505969, which a larger podPidsLimit did not change).
final class ContainerScopeDefaultTests: XCTestCase {
    typealias R = ContainerRecords
    static let pod =
        "/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod\(R.podUid.replacingOccurrences(of: "-", with: "_")).slice"

    /// threads-max 250000 in the record: 15 % is 37500.
    func testAPodContainersScopeLeadsWithTheNodesDefault() throws {
        let scope = Self.pod + "/cri-containerd-\(R.dockerId).scope"
        let advice = try R.hostPidsAdvice(
            [
                R.level(scope, max: "37500", current: 37500, events: 12),
                R.level(Self.pod, max: "1048576", current: 37502), R.level("/kubepods.slice", current: 37600),
            ], binding: scope)
        XCTAssertTrue(advice[0].hasPrefix("kubelet's podPidsLimit is the pod's level above"), "\(advice)")
        XCTAssertTrue(advice[0].contains("`DefaultTasksMax=` in the host's /etc/systemd/system.conf"), "\(advice)")
        XCTAssertFalse(advice.contains { $0.contains("came from the runtime's own settings or by hand") }, "\(advice)")
    }

    /// A scope at another number is somebody's choice: no default named.
    func testAScopeAtAnotherNumberIsNotTheDefault() throws {
        let scope = Self.pod + "/cri-containerd-\(R.dockerId).scope"
        let advice = try R.hostPidsAdvice(
            [R.level(scope, max: "4096", current: 4096, events: 3), R.level(Self.pod, max: "1048576", current: 4100)],
            binding: scope)
        XCTAssertFalse(advice.contains { $0.hasPrefix("kubelet's podPidsLimit is the pod's level above") }, "\(advice)")
    }
}
