import Foundation
import XCTest

@testable import ForkExplainCore

/// cgroup_pids_limit and rlimit_nproc seen from inside containers
/// (docs/kernel-facts.md §6.4, §6.6, §6.21): each branch, and the fix aimed
/// at the owner of the binding level.
final class ContainerRuleTests: XCTestCase {
    typealias R = ContainerRecords
    let classifier = Classifier()
    let kubeBinds =
        R.ownNs
        + #","bind_roots":{"/etc/hosts":"/var/lib/kubelet/pods/5f0c6a2e-9b1d-4c57-8e3a-2d7f1b9c4e60/etc-hosts"}"#

    func testOwnCounterRisingWithNothingVisibleLimitedIsALevelAbove() throws {
        let record = try R.record(
            call: "pthread_create", pids: "[\(R.level("/", current: 1003, events: 4))]", container: kubeBinds)
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        XCTAssertEqual(verdict.confidence, .high)
        XCTAssertEqual(
            verdict.bindingLimit.name,
            "a level above this container's cgroup (not visible from inside); 4 rejections counted here (pids.events of /)"
        )
        XCTAssertTrue(verdict.advice.contains { $0.contains("podPidsLimit") })
        XCTAssertFalse(verdict.advice.contains { $0.contains("echo") })
        XCTAssertFalse(verdict.bindingLimit.name.contains("root"))
    }

    func testAVisibleLimitNotReachedMakesTheLevelAboveMedium() throws {
        let pids = "[\(R.level("/system.slice/a.service", max: "150", current: 120, events: 9)),\(R.level("/"))]"
        let verdict = classifier.classify(try R.record(pids: pids, container: R.ownNs))
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        XCTAssertEqual(verdict.confidence, .medium)
        XCTAssertTrue(verdict.bindingLimit.name.hasPrefix("a level above"))
        // No runtime is named: the owners of a system container are listed.
        XCTAssertTrue(verdict.advice.contains { $0.contains("machine-web1.scope TasksMax=") })
        XCTAssertTrue(verdict.advice.contains { $0.contains("lxc.cgroup2.pids.max") })
    }

    func testOnTheHostViewNothingIsHiddenAbove() throws {
        let record = try R.record(pids: "[\(R.level("/system.slice/a.service", events: 9))]")
        XCTAssertEqual(classifier.classify(record).id, .unexplained)
    }

    func testSince611TheLocalCounterNamesTheRefusingLevel() throws {
        let pids = [
            R.level("/user.slice/user-1000.slice/session-5.scope", current: 10262, events: 0, local: 0),
            R.level("/user.slice/user-1000.slice", max: "10281", current: 10274, events: 41, local: 41),
            R.level("/user.slice", current: 10276, events: 41, local: 0),
        ]
        let verdict = classifier.classify(
            try R.record(kernel: "6.12.38+deb13-amd64", pids: "[" + pids.joined(separator: ",") + "]"))
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        XCTAssertEqual(verdict.confidence, .medium)
        XCTAssertEqual(verdict.bindingLimit.name, "cgroup pids /user.slice/user-1000.slice")
        XCTAssertTrue(
            verdict.advice.contains { $0.contains("UserTasksMax=") && $0.contains("user-1000.slice TasksMax=") })
        // The host view: the file is the real one.
        XCTAssertTrue(
            verdict.advice.contains { $0.contains("echo 20562 > /sys/fs/cgroup/user.slice/user-1000.slice/pids.max") })
    }

    func testWithPidsLocaleventsTheForkingCgroupCountsAgain() throws {
        let record = try R.record(
            kernel: "6.12.0", pids: "[\(R.level("/", current: 300, events: 7, local: 7))]", container: R.ownNs,
            mount: #""version":2,"mount":"/sys/fs/cgroup","root":"/","local_events":true"#)
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        XCTAssertTrue(verdict.bindingLimit.name.hasPrefix("a level above"))
    }

    func testSince611NothingCountsBelowARefusalAboveTheContainer() throws {
        let record = try R.record(
            kernel: "6.12.0", pids: "[\(R.level("/", current: 300, events: 0, local: 0))]", container: R.ownNs)
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        XCTAssertEqual(verdict.confidence, .low)
        XCTAssertEqual(
            verdict.bindingLimit.name,
            "a level above this container's cgroup (not visible from inside); inferred, no counter visible from here")
        XCTAssertTrue(verdict.evidence.contains { $0.contains("§6.21") })
    }

    func testTheInferredLevelAboveNeedsAContainerAndEAGAIN() throws {
        let host = try R.record(kernel: "6.12.0", pids: "[\(R.level("/a", events: 0, local: 0))]")
        XCTAssertEqual(classifier.classify(host).id, .unexplained)
        let memory = try R.record(
            kernel: "6.12.0", errno: "ENOMEM", pids: "[\(R.level("/", events: 0, local: 0))]", container: R.ownNs)
        XCTAssertNotEqual(classifier.classify(memory).id, .cgroupPidsLimit)
    }

    func testDockerV1OwnLevelIsTheContainerNotTheRoot() throws {
        let path = "/docker/\(R.dockerId)"
        let record = try R.record(
            pids: "[\(R.level(path, max: "200", current: 200, events: 31, version: 1, dir: "/sys/fs/cgroup/pids"))]",
            mount: #""version":1,"mount":"/sys/fs/cgroup/pids","root":"\#(path)""#)
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        XCTAssertEqual(verdict.confidence, .high)
        XCTAssertTrue(verdict.bindingLimit.name.contains("this container's own cgroup"))
        XCTAssertFalse(verdict.bindingLimit.name.lowercased().contains("the root"))
        XCTAssertTrue(verdict.advice.contains { $0.contains("docker update --pids-limit 400 9db607e42f39") })
        XCTAssertFalse(verdict.advice.contains { $0.contains("echo") })
        XCTAssertEqual(verdict.bindingLimit.key, "cgroup_pids:\(R.dockerId):\(path)")
    }

    func testPodmanOwnLevelShownAsSlash() throws {
        let container = R.ownNs + #","markers":["/run/.containerenv"]"#
        let verdict = classifier.classify(
            try R.record(pids: "[\(R.level("/", max: "2048", current: 2048, events: 9))]", container: container))
        XCTAssertEqual(verdict.bindingLimit.name.prefix(45), "cgroup pids / (this container's own cgroup, s")
        XCTAssertTrue(verdict.advice.contains { $0.contains("pids_limit = 4096") && $0.contains("containers.conf") })
        XCTAssertFalse(verdict.advice.contains { $0.contains("echo") })
    }

    func testAUnitInsideTheContainerBelongsToTheGuestsSystemd() throws {
        let pids = "[\(R.level("/system.slice/php.service", max: "150", current: 150, events: 12)),\(R.level("/"))]"
        let verdict = classifier.classify(try R.record(pids: pids, container: R.ownNs))
        XCTAssertEqual(verdict.bindingLimit.name, "cgroup pids /system.slice/php.service")
        XCTAssertTrue(
            verdict.advice.contains { $0.contains("inside the container") && $0.contains("php.service TasksMax=300") })
        XCTAssertFalse(verdict.advice.contains { $0.contains("echo") })
    }

    func testHostLevelsNameTheirOwners() throws {
        func advice(_ path: String, version: Int = 2) throws -> [String] {
            let pids =
                "[\(R.level(path + "/x", version: version)),\(R.level(path, max: "64", current: 64, version: version))]"
            return classifier.classify(try R.record(pids: pids)).advice
        }
        XCTAssertTrue(
            try advice("/machine.slice/machine-build01.scope").contains {
                $0.contains("systemctl set-property machine-build01.scope TasksMax=128")
            })
        XCTAssertTrue(
            try advice("/system.slice/nginx.service").contains {
                $0.contains("systemctl set-property nginx.service TasksMax=128")
            })
        XCTAssertTrue(try advice("/lxc.payload.web1", version: 1).contains { $0.contains("lxc.cgroup.pids.max = 128") })
        // A cgroup nothing known owns (made by hand or by a script) has no manager to name.
        let bare = try advice("/batch-7")
        XCTAssertTrue(bare.contains { $0.hasPrefix("Raise it, as root on this host: `echo 128 > ") }, "\(bare)")
        XCTAssertFalse(bare.contains { $0.contains("its manager") }, "\(bare)")
        XCTAssertTrue(
            try advice("/system.slice/nginx.service").contains { $0.hasPrefix("Immediately (until its manager") })
        XCTAssertTrue(
            try advice("/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-podab_cd.slice").contains {
                $0.contains("podPidsLimit: 128")
            })
        XCTAssertTrue(try advice("/system.slice/crio-\(R.dockerId).scope").contains { $0.contains("crio.conf") })
        let kind = "/kubelet.slice/kubelet-kubepods.slice/kubelet-kubepods-pod12_ab.slice"
        XCTAssertTrue(try advice(kind).contains { $0.contains("podPidsLimit: 128") })
        XCTAssertTrue(
            try advice("/system.slice/nginx.service").contains {
                $0.contains("echo 128 > /sys/fs/cgroup/system.slice/nginx.service/pids.max")
            })
    }

    func testRootlessPodmanNPROCIsInferredFromTheUserNamespace() throws {
        let container = #""cgroup_ns":4026532656,"user_ns":4026532650,"uid_map":[[0,1000,1],[1,100000,65536]]"#
        let limits = #""nproc":{"soft":4096},"uid_tasks":640"#
        let record = try R.record(
            kernel: "6.8.0-45-generic", call: "pthread_create",
            pids: "[\(R.level("/", max: "2048", current: 640, events: 0))]", container: container, limits: limits)
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .rlimitNPROC)
        XCTAssertEqual(verdict.confidence, .medium)
        XCTAssertEqual(verdict.bindingLimit.name, "RLIMIT_NPROC of uid 0 (host uid 1000)")
        XCTAssertTrue(verdict.evidence.contains { $0.contains("did not refuse") })
        XCTAssertTrue(verdict.advice.contains { $0.contains("TasksMax=") && $0.contains("rather than `LimitNPROC=`") })
        XCTAssertTrue(verdict.advice.contains { $0.contains("ps -L -u 1000") })
        XCTAssertFalse(verdict.advice.contains { $0.contains("echo") })

        // Since 6.11 a pids limit above would look the same: low.
        let later = try R.record(
            kernel: "6.12.0", call: "pthread_create",
            pids: "[\(R.level("/", max: "2048", current: 640, events: 0, local: 0))]", container: container,
            limits: limits)
        XCTAssertEqual(classifier.classify(later).confidence, .low)
    }

    func testNPROCInAUserNamespaceOnTheHostsCgroupsRulesThePidsControllerOut() throws {
        // unshare -U -r on a 6.12 host: the cgroup levels are the host's, up
        // to the root, and none is full; the creator's cap is what is hidden.
        let container = #""cgroup_ns":4026531835,"user_ns":4026532650,"uid_map":[[0,61300,1]]"#
        let limits = #""nproc":{"soft":200},"uid_tasks":20"#
        func verdict(_ pids: String) throws -> Verdict {
            classifier.classify(
                try R.record(kernel: "6.12.0", pids: pids, container: container, limits: limits))
        }
        let open = try verdict(
            "[\(R.level("/user.slice", max: "5000", current: 300, events: nil, local: 0)),\(R.level("/", max: "\"max\"", current: 900, events: nil))]"
        )
        XCTAssertEqual(open.id, .rlimitNPROC)
        XCTAssertEqual(open.confidence, .medium)
        XCTAssertTrue(open.evidence.contains { $0.contains("host cgroup view") && $0.contains("creator") })
        XCTAssertTrue(
            open.advice.contains { $0.contains("`ulimit -u 800`") && $0.contains("before it makes the namespace") })

        // A level whose limit was not read: the cgroup is not ruled out.
        let unread = try verdict(#"[{"version":2,"path":"/user.slice"},{"version":2,"path":"/"}]"#)
        XCTAssertEqual(unread.confidence, .low)
    }

    func testNPROCIsNotInferredWithoutAUserNamespace() throws {
        let record = try R.record(
            kernel: "6.8.0", pids: "[\(R.level("/", max: "2048", current: 640, events: 0))]", container: R.ownNs,
            limits: #""nproc":{"soft":4096},"uid_tasks":640"#)
        XCTAssertNotEqual(classifier.classify(record).id, .rlimitNPROC)
    }

    func testAFullNPROCInAContainerSaysWhichKnobIsolatesIt() throws {
        let record = try R.record(
            pids: "[\(R.level("/", events: 0))]", container: R.ownNs + #","markers":["/.dockerenv"]"#,
            limits: #""nproc":{"soft":100},"uid_tasks":100"#, uid: 1000)
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .rlimitNPROC)
        XCTAssertEqual(verdict.confidence, .high)
        XCTAssertTrue(verdict.advice.contains { $0.contains("a uid of its own") })
        XCTAssertTrue(verdict.advice.contains { $0.contains("TasksMax=") })
    }

    func testUnexplainedInAContainerSaysWhatItCannotSee() throws {
        let record = try R.record(
            errno: "ENOMEM", pids: "[\(R.level("/", events: 0))]", container: R.ownNs)
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .unexplained)
        XCTAssertTrue(try XCTUnwrap(verdict.evidence.first).contains("levels above its own cgroup"))
    }
}
