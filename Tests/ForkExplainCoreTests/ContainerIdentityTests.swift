import Foundation
import XCTest

@testable import ForkExplainCore

/// Each runtime's cgroup path, mount root, bind mount and marker file, read
/// into a ContainerIdentity.
final class ContainerIdentityTests: XCTestCase {
    typealias R = ContainerRecords

    func testDockerCgroupfsMountRootIsTheContainersOwnCgroup() throws {
        let id = try R.identity(
            pids: #"[{"version":1,"path":"/docker/\#(R.dockerId)","dir":"/sys/fs/cgroup/pids"}]"#,
            mount: #""version":1,"mount":"/sys/fs/cgroup/pids","root":"/docker/\#(R.dockerId)""#)
        XCTAssertEqual(id.runtime, .docker)
        XCTAssertEqual(id.containerId, R.dockerId)
        XCTAssertEqual(id.inCgroupNamespace, false)
        XCTAssertEqual(id.seesHostCgroupRoot, false)
        XCTAssertTrue(id.isContainerView)
        XCTAssertEqual(id.workloadName, "docker container 9db607e42f39")
    }

    func testDockerSystemdDriverScopeOnTheHostView() throws {
        let id = try R.identity(pids: #"[{"version":2,"path":"/system.slice/docker-\#(R.dockerId).scope"}]"#)
        XCTAssertEqual(id.runtime, .docker)
        XCTAssertEqual(id.containerId, R.dockerId)
        XCTAssertEqual(id.seesHostCgroupRoot, true)
        XCTAssertFalse(id.isContainerView)
        XCTAssertEqual(id.systemdSlice, "system.slice")
    }

    func testKubernetesSystemdDriverPodUidAndQoS() throws {
        let slice = R.podUid.replacingOccurrences(of: "-", with: "_")
        let path =
            "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod\(slice).slice/cri-containerd-\(R.dockerId).scope"
        let id = try R.identity(pids: #"[{"version":2,"path":"\#(path)"}]"#)
        XCTAssertEqual(id.runtime, .containerd)
        XCTAssertEqual(id.podUid, R.podUid)
        XCTAssertEqual(id.qosClass, .burstable)
        XCTAssertEqual(id.containerId, R.dockerId)
    }

    func testKindNodeKubeletSlices() throws {
        let slice = R.podUid.replacingOccurrences(of: "-", with: "_")
        let path =
            "/kubelet.slice/kubelet-kubepods.slice/kubelet-kubepods-besteffort.slice/"
            + "kubelet-kubepods-besteffort-pod\(slice).slice/cri-containerd-\(R.dockerId).scope"
        let id = try R.identity(pids: #"[{"version":2,"path":"\#(path)"}]"#)
        XCTAssertEqual(id.podUid, R.podUid)
        XCTAssertEqual(id.qosClass, .besteffort)
        XCTAssertEqual(id.runtime, .containerd)
    }

    func testGuaranteedPodUnderCRIO() throws {
        let slice = R.podUid.replacingOccurrences(of: "-", with: "_")
        let id = try R.identity(
            pids: #"[{"version":2,"path":"/kubepods.slice/kubepods-pod\#(slice).slice/crio-\#(R.dockerId).scope"}]"#)
        XCTAssertEqual(id.runtime, .crio)
        XCTAssertEqual(id.qosClass, .guaranteed)
        XCTAssertEqual(id.podUid, R.podUid)
    }

    func testKubernetesCgroupfsDriverBestEffort() throws {
        let id = try R.identity(pids: #"[{"version":1,"path":"/kubepods/besteffort/pod\#(R.podUid)/\#(R.dockerId)"}]"#)
        XCTAssertEqual(id.podUid, R.podUid)
        XCTAssertEqual(id.qosClass, .besteffort)
        XCTAssertEqual(id.containerId, R.dockerId)
        XCTAssertNil(id.runtime)
    }

    func testKubernetesFromBindMountsInACgroupNamespace() throws {
        let container =
            R.ownNs
            + #","bind_roots":{"/etc/hosts":"/var/lib/kubelet/pods/\#(R.podUid)/etc-hosts","/dev/termination-log":"/var/lib/kubelet/pods/\#(R.podUid)/containers/app/3b9d0c1f","/etc/hostname":"/var/lib/containerd/io.containerd.grpc.v1.cri/sandboxes/abc/hostname"}"#
        let id = try R.identity(container: container)
        XCTAssertEqual(id.podUid, R.podUid)
        XCTAssertEqual(id.kubernetesContainer, "app")
        XCTAssertEqual(id.runtime, .containerd)
        XCTAssertEqual(id.inCgroupNamespace, true)
        XCTAssertEqual(id.seesHostCgroupRoot, false)
        XCTAssertTrue(id.sources?.contains { $0.hasPrefix("bind mount /etc/hosts") } == true)
    }

    func testPodmanScopeUnderTheUsersManager() throws {
        let path = "/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-\(R.dockerId).scope"
        let id = try R.identity(pids: #"[{"version":2,"path":"\#(path)"}]"#)
        XCTAssertEqual(id.runtime, .podman)
        XCTAssertEqual(id.containerId, R.dockerId)
        XCTAssertEqual(id.userSliceUid, 1000)
    }

    func testRootlessPodmanFromItsRunrootAndUidMap() throws {
        let container =
            #""cgroup_ns":4026532656,"user_ns":4026532650,"uid_map":[[0,1000,1],[1,100000,65536]],"markers":[],"bind_roots":{"/etc/hostname":"/containers/overlay-containers/\#(R.dockerId)/userdata/hostname"}"#
        let id = try R.identity(container: container, uid: 0)
        XCTAssertEqual(id.runtime, .podman)
        XCTAssertEqual(id.userNamespace, true)
        XCTAssertEqual(id.hostUid, 1000)
        XCTAssertEqual(try R.identity(container: container, uid: 5).hostUid, 100_004)
    }

    func testContainerenvMarkerMeansPodman() throws {
        let id = try R.identity(container: R.ownNs + #","markers":["/run/.containerenv"]"#)
        XCTAssertEqual(id.runtime, .podman)
        XCTAssertEqual(try R.identity(container: R.ownNs + #","markers":["/.dockerenv"]"#).runtime, .docker)
    }

    func testSystemdContainerFileNamesTheManager() throws {
        func identity(_ manager: String, markers: String = "[]") throws -> ContainerIdentity {
            try R.identity(container: R.ownNs + #","markers":\#(markers),"manager":"\#(manager)""#)
        }
        XCTAssertEqual(try identity("systemd-nspawn").runtime, .nspawn)
        XCTAssertEqual(try identity("lxc").runtime, .lxc)
        XCTAssertEqual(try identity("docker").runtime, .docker)
        // The manager's own word wins over a marker file.
        XCTAssertEqual(try identity("podman", markers: #"["/.dockerenv"]"#).runtime, .podman)
        // libvirt's LXC is not LXC's tools: no runtime, but contained.
        let libvirt = try identity("lxc-libvirt")
        XCTAssertNil(libvirt.runtime)
        XCTAssertEqual(libvirt.manager, "lxc-libvirt")
        XCTAssertTrue(libvirt.isContained)
        XCTAssertTrue(try identity("lxc").sources?.contains("/run/systemd/container says lxc") == true)
    }

    func testContainersStorageUnderAKubeletIsCRIO() throws {
        let container =
            R.ownNs
            + #","bind_roots":{"/etc/hostname":"/run/containers/storage/overlay-containers/\#(R.dockerId)/userdata/hostname","/etc/hosts":"/var/lib/kubelet/pods/\#(R.podUid)/etc-hosts"}"#
        XCTAssertEqual(try R.identity(container: container).runtime, .crio)
    }

    func testMachinedScopeIsSystemdNspawn() throws {
        let id = try R.identity(pids: #"[{"version":2,"path":"/machine.slice/machine-build\\x2d01.scope/payload"}]"#)
        XCTAssertEqual(id.runtime, .nspawn)
        XCTAssertEqual(id.machine, "build-01")
    }

    func testLXCPayloadAndOldLayout() throws {
        let id = try R.identity(pids: #"[{"version":2,"path":"/lxc.payload.web1/system.slice/nginx.service"}]"#)
        XCTAssertEqual(id.runtime, .lxc)
        XCTAssertEqual(id.lxcContainer, "web1")
        XCTAssertEqual(id.systemdUnit, "nginx.service")
        XCTAssertEqual(try R.identity(pids: #"[{"version":1,"path":"/lxc/web2"}]"#).lxcContainer, "web2")
    }

    func testSystemdUnitAndUserSliceOnAHost() throws {
        let id = try R.identity(pids: #"[{"version":2,"path":"/user.slice/user-1000.slice/session-5.scope"}]"#)
        XCTAssertNil(id.runtime)
        XCTAssertEqual(id.userSliceUid, 1000)
        XCTAssertEqual(id.systemdUnit, "session-5.scope")
        XCTAssertEqual(id.seesHostCgroupRoot, true)
        XCTAssertFalse(id.isContained)
    }

    func testAnInheritedHostMountNamesNothing() throws {
        let id = try R.identity(container: R.ownNs, mount: #""version":2,"mount":"/sys/fs/cgroup","root":"/../../..""#)
        XCTAssertNil(id.cgroupMountRoot)
        XCTAssertEqual(id.seesHostCgroupRoot, false)
    }

    func testARecordWithoutContainerFieldsHasNoIdentity() throws {
        let record = try Fixture.record("cgroup-pids-parent.jsonl")
        XCTAssertNil(ContainerIdentity(record: record).seesHostCgroupRoot)
        XCTAssertFalse(ContainerIdentity(record: record).isContainerView)
    }

    func testContainerKeysAreKnownAndDecodedLeniently() throws {
        let line = #"""
            {"schema":1,"type":"failure","container":{"cgroup_ns":"x","user_ns":4026531837,"bind_roots":{"/etc/hosts":"/h"}},"cgroups":{"pids_mount":{"version":2,"root":"/","local_events":true},"pids":[{"path":"/","events_max_local":3}]},"absent":["/proc/self/ns/cgroup"]}
            """#
        let record = try LogRecord(jsonLine: Array(line.utf8))
        XCTAssertNil(record.container?.cgroupNs)
        XCTAssertEqual(record.container?.userNs, 4_026_531_837)
        XCTAssertEqual(record.cgroups?.pidsMount?.localEvents, true)
        XCTAssertEqual(record.cgroups?.pids?.first?.eventsMaxLocal, 3)
        XCTAssertEqual(record.absent, ["/proc/self/ns/cgroup"])
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        XCTAssertEqual(KnownKeys.unknown(in: object), [])
    }
}
