import XCTest

@testable import ForkExplainCore

/// Defaults a container's guest applies that the host's kernel release
/// does not reveal (docs/kernel-facts.md §11.105, §11.108).
final class GuestDefaultsTests: XCTestCase {
    func testGuestSystemdTakesFifteenPercentOfTheContainersOwnLimit() {
        // lxc/lxcfs#729: limits.processes 200, apache2.service at 30.
        let guest = SystemdDefaultTasksMax.match(
            path: "/system.slice/apache2.service", limit: 30, pidMax: 4_194_304, threadsMax: 126_000,
            rootPidsMax: 200)
        XCTAssertTrue(
            guest?.evidence.contains("container's own cgroup: 200) = 200") == true, "\(String(describing: guest))")
        XCTAssertTrue(guest?.advice.contains("`limits.processes`") == true)
        XCTAssertFalse(guest?.advice.contains("kernel.pid_max") == true)
        // Without the container's limit 30 is nobody's default.
        XCTAssertNil(
            SystemdDefaultTasksMax.match(
                path: "/system.slice/apache2.service", limit: 30, pidMax: 4_194_304, threadsMax: 126_000))
        // A container limit above pid_max is not the base: the host's 15 % is.
        let host = SystemdDefaultTasksMax.match(
            path: "/system.slice/app.service", limit: 4915, pidMax: 32768, threadsMax: 128_000, rootPidsMax: 100_000)
        XCTAssertTrue(host?.evidence.contains("min(threads-max, pid_max − 1) = 32767") == true)
        XCTAssertFalse(host?.evidence.contains("container's own cgroup") == true)
        // A guest's user slice takes its 33 % of the same base.
        XCTAssertNotNil(
            SystemdDefaultTasksMax.match(
                path: "/user.slice/user-1000.slice", limit: 66, pidMax: 4_194_304, threadsMax: 126_000,
                rootPidsMax: 200))
    }

    func testRedHatLoginNPROCIsOfferedInAContainerWhoseKernelIsTheHosts() {
        // canonical/lxd#3764: CentOS 6 in LXD on a 4.10 host.
        let guest = DistroNPROCDefault.advice(soft: 1024, kernel: "4.10.0-33-generic", inContainer: true)
        XCTAssertTrue(guest?.contains("RHEL/CentOS 6's /etc/security/limits.d/90-nproc.conf") == true)
        XCTAssertTrue(
            DistroNPROCDefault.advice(soft: 4096, kernel: "5.15.0-91-generic", inContainer: true)?.contains(
                "20-nproc.conf") == true)
        XCTAssertNil(DistroNPROCDefault.advice(soft: 1024, kernel: "4.10.0-33-generic"))
        XCTAssertNil(DistroNPROCDefault.advice(soft: 2048, kernel: "4.10.0-33-generic", inContainer: true))
        // On the distribution's own kernel the file is named outright.
        XCTAssertTrue(
            DistroNPROCDefault.advice(soft: 1024, kernel: "2.6.32-358.el6.x86_64", inContainer: true)?.hasPrefix(
                "1024 is the soft nproc") == true)
    }

    func testCheckSaysAUserNamespacesUidCountIsTheHostUidsFloor() throws {
        // opencontainers/runc#831: the container's root is host uid 1000.
        var record = try Fixture.record("rlimit-nproc.jsonl")
        record.process?.uid = 0
        record.limits?.uidTasks = 1
        record.limits?.nproc = RLimit(soft: .value(192))
        record.limits?.nprocExempt = nil
        var container = ContainerSnapshot(userNs: 4_026_532_420)
        container.uidMap = [[0, 1000, 1]]
        record.container = container
        let usage = Headroom.usages(of: record).first { $0.limit == .rlimitNPROC }
        XCTAssertEqual(
            usage?.label,
            "RLIMIT_NPROC uid 0 (host uid 1000, whose tasks outside this user namespace are not counted here)")
        // The initial namespace's identity map: the plain uid.
        container.uidMap = [[0, 0, 4_294_967_295]]
        container.userNs = ContainerSnapshot.initialUserNamespace
        record.container = container
        XCTAssertEqual(Headroom.usages(of: record).first { $0.limit == .rlimitNPROC }?.label, "RLIMIT_NPROC uid 0")
    }
}
