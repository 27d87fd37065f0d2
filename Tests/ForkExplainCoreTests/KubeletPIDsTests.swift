import XCTest

@testable import ForkExplainCore

/// kubelet's PID knowledge, read by `explain` from its eviction messages,
/// given by `report` and `check` for a pod's process facing the node's
/// pid_max or threads-max (docs/kernel-facts.md §11.99, §11.115).
final class KubeletPIDsTests: XCTestCase {
    typealias R = ContainerRecords
    private let pod =
        R.ownNs
        + #","bind_roots":{"/etc/hosts":"/var/lib/kubelet/pods/5f0c6a2e-9b1d-4c57-8e3a-2d7f1b9c4e60/etc-hosts"}"#

    private func record(container: String, tasks: Int64, pidMax: Int64 = 32768, threadsMax: Int64 = 250_000) throws
        -> LogRecord
    {
        var record = try R.record(pids: "[\(R.level("/", current: 40))]", container: container)
        record.pid?.pidMax = pidMax
        record.pid?.threadsMax = threadsMax
        record.pid?.hostTasks = tasks
        return record
    }

    func testReportGivesKubeletsBoundsWhenTheNodesPidMaxRefusesAPod() throws {
        let inPod = Classifier().classify(try record(container: pod, tasks: 32_700))
        XCTAssertEqual(inPod.id, .pidMax)
        XCTAssertEqual(inPod.bindingLimit.key, "pid_max:host")
        for fix in KubeletPIDs.fixes {
            XCTAssertTrue(inPod.advice.contains(fix), "\(inPod.advice)")
        }
        let onHost = Classifier().classify(try record(container: R.hostNs, tasks: 32_700))
        XCTAssertEqual(onHost.id, .pidMax)
        XCTAssertFalse(onHost.advice.contains { $0.contains("podPidsLimit") }, "\(onHost.advice)")
    }

    func testReportGivesThemForThreadsMaxToo() throws {
        let verdict = Classifier().classify(
            try record(container: pod, tasks: 5000, pidMax: 4_194_304, threadsMax: 5000))
        XCTAssertEqual(verdict.id, .threadsMax)
        XCTAssertTrue(verdict.advice.contains(KubeletPIDs.fixes[0]), "\(verdict.advice)")
    }

    func testCheckInAPodSaysWhatKubeletWatches() throws {
        let text = CheckTextRenderer().render(CheckReport(record: try record(container: pod, tasks: 900)))
        XCTAssertTrue(text.contains("--   \(KubeletPIDs.nodeNote)"), text)
        let host = CheckTextRenderer().render(CheckReport(record: try record(container: R.hostNs, tasks: 900)))
        XCTAssertFalse(host.contains("pid.available"), host)
    }

    func testExplainsEvictionGivesTheSameFixes() {
        let known = Explainer.explain(
            "The node was low on resource: pids. Threshold quantity: 3276, available: 3001. "
        ).known
        XCTAssertEqual(Array(known?.fixes.prefix(3) ?? []), KubeletPIDs.fixes)
    }
}
