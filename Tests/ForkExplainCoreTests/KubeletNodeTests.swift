import XCTest

@testable import ForkExplainCore

/// A Kubernetes node seen from its own daemons, and kubepods' limit set
/// from what kubelet read when it started (docs/kernel-facts.md §11.205,
/// Azure/AKS#2276 and #2279).
final class KubeletNodeTests: XCTestCase {
    typealias R = ContainerRecords

    /// containerd's thread refused at the node's pid_max of 32768, a pod's
    /// python holding 31,800 threads. Before: the python and the sysctl,
    /// nothing of kubelet, which the thread's fix (a pod limit) is.
    func testANodeDaemonAtPidMaxGetsKubeletsBounds() throws {
        var record = try R.record(call: "pthread_create", pids: "[\(R.level("/system.slice/containerd.service"))]")
        record.process?.comm = "containerd"
        record.pid?.pidMax = 32_768
        record.pid?.threadsMax = 127_811
        record.pid?.hostTasks = 32_760
        record.top = TopSnapshot(holders: [
            PIDHolder(pid: 21000, comm: "python", uid: 0, threads: 31_800, zombies: 0),
            PIDHolder(pid: 1300, comm: "kubelet", uid: 0, threads: 52, zombies: 0),
        ])
        let verdict = Classifier().classify(record)
        XCTAssertEqual(verdict.id, .pidMax)
        XCTAssertTrue(verdict.advice[0].contains("python (pid 21000)"), "\(verdict.advice)")
        let note = try XCTUnwrap(verdict.advice.firstIndex { $0.hasPrefix("This host runs kubelet (pid 1300)") })
        XCTAssertEqual(verdict.advice[note + 1], KubeletPIDs.fixes[0])
        XCTAssertEqual(verdict.advice.last, KubeletNode.raiseNote)

        record.top?.holders?.removeLast()
        let plain = Classifier().classify(record)
        XCTAssertFalse(plain.advice.contains { $0.contains("podPidsLimit") }, "\(plain.advice)")
    }

    /// kubepods at 32768 after pid_max was raised to 4194304: kubelet's
    /// reading at its start. Before: node allocatable's reserved PIDs only.
    func testKubepodsFarBelowTheNodeSaysWhatKubeletRead() throws {
        var node = PIDSnapshot()
        node.pidMax = 4_194_304
        node.threadsMax = 127_811
        let stale = try XCTUnwrap(
            KubeletNode.staleCapacity(
                path: "/kubepods", max: 32_768, pid: node))
        XCTAssertTrue(stale.evidence.contains("the kernel's old default pid_max"), stale.evidence)
        XCTAssertTrue(stale.advice.contains("restart kubelet"), stale.advice)
        // Near the node's capacity: reserved PIDs, nothing stale.
        XCTAssertNil(
            KubeletNode.staleCapacity(
                path: "/kubepods", max: 120_000, pid: node))
        XCTAssertNil(
            KubeletNode.staleCapacity(
                path: "/system.slice", max: 512, pid: node))
    }
}
