import Foundation
import XCTest

@testable import ForkExplainCore

/// The rules the fifth field audit changed (scenarios 101–110): a pids.max
/// of 0, CRI-O's own level, a Kubernetes node that is itself a container,
/// and RLIMIT_NPROC in a user namespace before 5.14 (docs/kernel-facts.md
/// §6.4, §11.9–§11.11).
final class FieldFiveRuleTests: XCTestCase {
    typealias R = ContainerRecords
    let classifier = Classifier()
    let crioId = "27f14c6154e2630984fad3eb585e75456d10be978b80cb2c587efc77aa80f219"

    func crioBinds(kubelet: String = "/var/lib/kubelet") -> String {
        R.ownNs
            + #","bind_roots":{"/etc/hosts":"\#(kubelet)/pods/\#(R.podUid)/etc-hosts","/etc/hostname":"/run/containers/storage/overlay-containers/\#(crioId)/userdata/hostname"}"#
    }

    func testAPidsMaxOfZeroIsARuntimesMisreadingNotALimitToRaise() throws {
        let record = try R.record(
            kernel: "6.12.34-6.12-alt1", call: "clone",
            pids: "[\(R.level("/", max: "0", current: 2, events: 1, local: 1))]", container: crioBinds())
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        XCTAssertEqual(verdict.confidence, .high)
        XCTAssertTrue(verdict.evidence.contains { $0.contains("pids.current 2 > pids.max 0") })
        XCTAssertTrue(verdict.evidence.contains { $0.contains("runc 1.4 and later write for a pids.limit of 0") })
        XCTAssertTrue(try XCTUnwrap(verdict.advice.first).contains("`pids_limit = -1`"))
        // Doubling 0 is no fix, and the pod's limit does not reach this level.
        XCTAssertFalse(verdict.advice.contains { $0.contains("podPidsLimit: ") })
        XCTAssertFalse(verdict.advice.contains { $0.contains("= 64") })
    }

    func testAPidsMaxOfZeroUnderPodmanNamesItsMinusOne() throws {
        let container = R.ownNs + #","markers":["/run/.containerenv"]"#
        let record = try R.record(pids: "[\(R.level("/", max: "0", current: 1, events: 1))]", container: container)
        let verdict = classifier.classify(record)
        XCTAssertTrue(try XCTUnwrap(verdict.advice.first).contains("--pids-limit -1"))
    }

    func testCRIOsOwnLevelPutsCRIOsKnobBeforeKubelets() throws {
        let record = try R.record(
            call: "pthread_create", pids: "[\(R.level("/", max: "1024", current: 1024, events: 1))]",
            container: crioBinds())
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        let advice = verdict.advice
        XCTAssertTrue(try XCTUnwrap(advice.first).contains("CRI-O sets it: `pids_limit = 2048`"))
        XCTAssertTrue(advice.dropFirst().contains { $0.contains("podPidsLimit") })
    }

    func testKubeletFilesInAPodmanVolumeMakeTheNodeAContainer() throws {
        let binds = crioBinds(kubelet: "/var/lib/containers/storage/volumes/minikube/_data/lib/kubelet")
        let identity = try R.identity(container: binds)
        XCTAssertEqual(identity.nodeRuntime, .podman)
        XCTAssertEqual(identity.nodeVolume, "minikube")
        XCTAssertEqual(identity.podUid, R.podUid)
        XCTAssertEqual(identity.runtime, .crio)
        XCTAssertTrue(try XCTUnwrap(identity.summary).contains("itself a podman container (volume minikube)"))

        let record = try R.record(
            kernel: "6.11.3-200.fc40.x86_64", call: "pthread_create",
            pids: "[\(R.level("/", current: 187, events: 0, local: 0))]", container: binds)
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        XCTAssertTrue(try XCTUnwrap(verdict.advice.first).contains("podman update --pids-limit -1 minikube"))
    }

    func testAnOrdinaryNodeIsNotAContainer() throws {
        let identity = try R.identity(container: crioBinds())
        XCTAssertNil(identity.nodeRuntime)
        XCTAssertFalse(try XCTUnwrap(identity.summary).contains("itself a"))
    }

    /// Container root mapped to host uid 100000, 2 of its tasks in view,
    /// RLIMIT_NPROC 128 (scenario 107's LXC container).
    func sharedUidVerdict(kernel: String) throws -> Verdict {
        let container = #""cgroup_ns":4026532724,"user_ns":4026532720,"uid_map":[[0,100000,65536]]"#
        let record = try R.record(
            kernel: kernel, pids: "[]", container: container,
            limits: #""nproc":{"soft":128,"hard":128},"uid_tasks":2"#)
        return classifier.classify(record)
    }

    func testNPROCInAUserNamespaceBefore514IsTheHostUidsOneCount() throws {
        let verdict = try sharedUidVerdict(kernel: "5.4.0-110-generic")
        XCTAssertEqual(verdict.id, .rlimitNPROC)
        XCTAssertTrue(verdict.kernelRule.contains("real_cred->user->processes"))
        XCTAssertFalse(verdict.evidence.contains { $0.contains("since 5.14") })
        XCTAssertTrue(verdict.evidence.contains { $0.contains("other containers mapped to it included") })
        XCTAssertTrue(verdict.advice.contains { $0.contains("lxc.prlimit.nproc") && $0.contains("lxc.idmap") })
        XCTAssertFalse(verdict.advice.contains { $0.contains("at namespace creation") })
    }

    func testNPROCInAUserNamespaceSince514KeepsTheCreatorsCap() throws {
        let verdict = try sharedUidVerdict(kernel: "6.8.0-45-generic")
        XCTAssertEqual(verdict.id, .rlimitNPROC)
        XCTAssertTrue(verdict.kernelRule.contains("is_rlimit_overlimit"))
        XCTAssertTrue(verdict.advice.contains { $0.contains("at namespace creation") })
    }

    func testUnlimitedNPROCInARootlessContainerStillPointsAtTheCreatorsCap() throws {
        let container = #""cgroup_ns":4026532416,"user_ns":4026532411,"uid_map":[[0,1001,1],[1,100000,65536]]"#
        let limits = #""nproc":{"soft":"unlimited","hard":"unlimited"},"uid_tasks":40"#
        let since = classifier.classify(
            try R.record(
                kernel: "6.8.0-1024-aws", call: "pthread_create", pids: "[]", container: container, limits: limits))
        XCTAssertEqual(since.id, .unexplained)
        XCTAssertTrue(since.evidence.contains { $0.contains("RLIMIT_NPROC reads unlimited here") })
        XCTAssertTrue(since.advice.contains { $0.contains("pgrep -u 1001") })
        // Before 5.14 there is no creator's cap: the unlimited limit is the one.
        let before = classifier.classify(
            try R.record(
                kernel: "5.4.0-110-generic", call: "pthread_create", pids: "[]", container: container, limits: limits))
        XCTAssertFalse(before.evidence.contains { $0.contains("RLIMIT_NPROC reads unlimited here") })
    }
}
