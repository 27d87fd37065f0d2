import Foundation
import XCTest

@testable import ForkExplainCore

/// LXC, LXD and Incus containers named by the mounts they see inside
/// (docs/kernel-facts.md §11.200): the root `/`'s rootfs directory or ZFS
/// dataset, and LXD's /dev/lxd or Incus's /dev/incus guest API bind. Before,
/// a cgroup namespace left "LXC container" and the hostname as the name.
final class LXCInstanceTests: XCTestCase {
    typealias R = ContainerRecords

    private func record(
        _ binds: String, markers: String = "", source: String? = nil, initContainer: String? = "lxc",
        host: String = "web1"
    ) throws -> LogRecord {
        var container = R.ownNs + #","markers":[\#(markers)],"bind_roots":{\#(binds)}"#
        if let source { container += #","root_source":"\#(source)""# }
        if let initContainer { container += #","init_container":"\#(initContainer)""# }
        return try R.record(
            pids: "[" + R.level("/", max: "500", current: 500, events: 3) + "]", container: container, host: host)
    }

    func testAnLXDContainerOnZFSIsNamedByItsDatasetAndDevLXD() throws {
        let rec = try record(
            #""/":"/rootfs""#, markers: #""/dev/lxd""#, source: "default/containers/build-7", host: "ci")
        let identity = ContainerIdentity(record: rec)
        XCTAssertEqual(identity.runtime, .lxc)
        XCTAssertEqual(identity.lxcContainer, "build-7", "the dataset's name, not the hostname ci")
        XCTAssertEqual(identity.workloadName, "LXD container build-7")
        let advice = Classifier().classify(rec).advice
        XCTAssertTrue(advice.contains { $0.contains("`lxc config set build-7 limits.processes 1000`") }, "\(advice)")
        XCTAssertFalse(advice.contains { $0.contains("/var/lib/lxc/") }, "\(advice)")
        XCTAssertFalse(advice.contains { $0.contains("pct ") }, "\(advice)")
        // check names it too, with the same key.
        let tightest = try XCTUnwrap(TightestPidsContainer.of(rec))
        XCTAssertEqual(tightest.name, "LXD container build-7")
        XCTAssertTrue(tightest.fixes.contains { $0.contains("limits.processes") }, "\(tightest.fixes)")
    }

    func testAnIncusContainerInAProjectOnADirPool() throws {
        let root = "/var/lib/incus/storage-pools/default/containers/dev_api-1/rootfs"
        let rec = try record(#""/":"\#(root)""#, markers: #""/dev/incus""#)
        let identity = ContainerIdentity(record: rec)
        XCTAssertEqual(identity.workloadName, "Incus container api-1 (project dev)")
        let advice = Classifier().classify(rec).advice
        XCTAssertTrue(
            advice.contains { $0.contains("`incus config set api-1 limits.processes 1000 --project dev`") },
            "\(advice)")
        XCTAssertTrue(advice.contains { $0.contains("`incus project get dev limits.processes`") }, "\(advice)")
    }

    func testAPlainLXCContainerIsNamedByItsRootfsDirectory() throws {
        let rec = try record(#""/":"/var/lib/lxc/db-2/rootfs""#, host: "db")
        let identity = ContainerIdentity(record: rec)
        XCTAssertEqual(identity.workloadName, "LXC container db-2")
        let advice = Classifier().classify(rec).advice
        XCTAssertTrue(
            advice.contains {
                $0.contains("`lxc.cgroup2.pids.max = 1000` in the container's config (/var/lib/lxc/db-2/config)")
            },
            "\(advice)")
        // Without container=lxc, a root of that shape is no one's in particular.
        XCTAssertNil(
            LXCInstance.of(
                bindRoots: ["/": "/var/lib/lxc/db-2/rootfs"], rootSource: nil, markers: [], lxcMarked: false,
                hostname: "db"))
    }

    func testNeitherDaemonToldApartGivesBothKeys() throws {
        // A btrfs pool's subvolume path, no guest API mount (security.devlxd=false).
        let rec = try record(#""/":"/containers/web1/rootfs""#, source: "/dev/loop3")
        let identity = ContainerIdentity(record: rec)
        XCTAssertEqual(identity.workloadName, "LXD/Incus container web1")
        let advice = Classifier().classify(rec).advice
        XCTAssertTrue(advice.contains { $0.contains("`incus config set web1 limits.processes 1000`") }, "\(advice)")
        XCTAssertTrue(advice.contains { $0.contains("`lxc config set web1 limits.processes 1000`") }, "\(advice)")
    }

    func testWhatNamesNothing() {
        // Every host's root, and an overlay container's, are left out by the shim;
        // a root that is no rootfs, or a ZFS root outside containers/.
        XCTAssertNil(LXCInstance.of(bindRoots: [:], rootSource: nil, markers: [], lxcMarked: true, hostname: nil))
        XCTAssertNil(
            LXCInstance.of(
                bindRoots: ["/": "/@/.snapshots/1/snapshot"], rootSource: "/dev/sda2", markers: [], lxcMarked: true,
                hostname: nil))
        XCTAssertNil(
            LXCInstance.of(
                bindRoots: ["/": "/rootfs"], rootSource: "rpool/ROOT/ubuntu", markers: [], lxcMarked: true,
                hostname: nil))
        // A runtime's --rootfs that happens to end in containers/X/rootfs, nothing else LXC's.
        XCTAssertNil(
            LXCInstance.of(
                bindRoots: ["/": "/srv/containers/x/rootfs"], rootSource: nil, markers: [], lxcMarked: false,
                hostname: nil))
        XCTAssertEqual(LXCInstance.poolName("/dev/mapper/vg--lxd-containers_web--2"), "web-2")
        XCTAssertEqual(LXCInstance.splitProject("web1").1, "web1")
    }

    /// The guest API alone (a cgroup namespace, an overlay root): LXD's
    /// key, by the host name LXD gives the container by default.
    func testLXDByItsGuestAPIAndHostname() throws {
        let rec = try record("", markers: #""/dev/lxd""#, initContainer: nil, host: "runner-3")
        let identity = ContainerIdentity(record: rec)
        XCTAssertEqual(identity.runtime, .lxc)
        XCTAssertEqual(identity.workloadName, "LXD container (hostname runner-3, by default its name)")
        let advice = Classifier().classify(rec).advice
        XCTAssertTrue(advice.contains { $0.contains("`lxc config set runner-3 limits.processes 1000`") }, "\(advice)")
        XCTAssertTrue(advice.contains { $0.contains("`lxc list` on the host names it") }, "\(advice)")
        XCTAssertFalse(advice.contains { $0.contains("/var/lib/lxc/") }, "\(advice)")
    }

    func testADockerContainerKeepsItsRuntime() throws {
        let docker = "/var/lib/docker/containers/\(R.dockerId)"
        let rec = try record(
            #""/etc/hostname":"\#(docker)/hostname","/":"/var/lib/lxc/x/rootfs""#, initContainer: nil)
        XCTAssertEqual(ContainerIdentity(record: rec).runtime, .docker)
    }
}
