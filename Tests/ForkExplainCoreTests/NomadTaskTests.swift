import Foundation
import XCTest

@testable import ForkExplainCore

/// HashiCorp Nomad's task cgroups (docs/kernel-facts.md §11.156): the
/// client's `<allocID>.<task>` level, `.scope` on v2 below
/// nomad.slice/share.slice (1.7+) or nomad.slice (1.3-1.6), below /nomad on
/// v1; made with mkdir, with no pids limit of Nomad's.
final class NomadTaskTests: XCTestCase {
    typealias R = ContainerRecords
    static let alloc = "5c0e8f1a-3b7d-4e2c-9a61-0f4d2b8c7e13"
    static let share = "/nomad.slice/share.slice"
    static let scope = share + "/\(alloc).web.scope"

    func testTheV2ScopeNamesTheTask() throws {
        let id = try R.identity(pids: #"[{"version":2,"path":"\#(Self.scope)"}]"#)
        XCTAssertEqual(id.nomadTask, NomadTask.Task(alloc: Self.alloc, name: "web"))
        XCTAssertNil(id.systemdUnit, "Nomad's scope is no systemd unit")
        XCTAssertEqual(id.workloadName, "Nomad task \"web\" (allocation \(Self.alloc))")
    }

    func testTheV1LevelAndOlderV2LayoutsNameTheTask() {
        XCTAssertEqual(NomadTask.task("\(Self.alloc).cache.redis")?.name, "cache.redis")
        XCTAssertEqual(NomadTask.task("\(Self.alloc).api.scope")?.alloc, Self.alloc)
        let v1 = IdentityClues.cgroupPath("/nomad/\(Self.alloc).batch")
        XCTAssertEqual(v1.nomadTask?.name, "batch")
        // Not an allocation id: upper case, one digit short, no task name.
        XCTAssertNil(NomadTask.task(Self.alloc.uppercased() + ".web.scope"))
        XCTAssertNil(NomadTask.task(String(Self.alloc.dropLast()) + ".web.scope"))
        XCTAssertNil(NomadTask.task(Self.alloc + ".scope"))
        XCTAssertNil(NomadTask.task(Self.alloc))
    }

    /// A full task level: Nomad wrote no limit there, so neither a unit's
    /// TasksMax= (the client made the scope with mkdir) nor an echo alone.
    func testAFullTaskLevelIsNotASystemdUnit() throws {
        let advice = try R.hostPidsAdvice(
            [
                R.level(Self.scope, max: "64", current: 64, events: 3),
                R.level(Self.share, current: 90, events: 0), R.level("/nomad.slice", current: 90, events: 0),
            ], binding: Self.scope)
        XCTAssertTrue(
            advice.contains {
                $0.contains("Nomad task \"web\" (allocation \(Self.alloc))") && $0.contains("writes no pids limit")
            },
            "\(advice)")
        XCTAssertTrue(advice.contains { $0.contains("echo 128 > /sys/fs/cgroup\(Self.scope)/pids.max") }, "\(advice)")
        XCTAssertFalse(advice.contains { $0.contains("set-property") }, "\(advice)")
    }

    /// 512 is systemd 229's DefaultTasksMax=, but no default of systemd's
    /// reaches a scope the Nomad client made with mkdir.
    func testA512OnATaskScopeIsNoSystemdDefault() throws {
        let advice = try R.hostPidsAdvice(
            [R.level(Self.scope, max: "512", current: 512, events: 3), R.level(Self.share, current: 600, events: 0)],
            binding: Self.scope)
        XCTAssertFalse(advice.contains { $0.contains("DefaultTasksMax") }, "\(advice)")
        XCTAssertNil(
            SystemdDefaultTasksMax.match(path: Self.scope, limit: 512, pidMax: 4_194_304, threadsMax: 250_000))
        XCTAssertNotNil(
            SystemdDefaultTasksMax.match(
                path: "/system.slice/x.service", limit: 512, pidMax: 4_194_304, threadsMax: 250_000))
    }

    /// check names the task's level, not "systemd unit ….scope's TasksMax=".
    func testCheckNamesTheNomadLevels() throws {
        let levels = [
            R.level(Self.scope, max: "64", current: 61, events: 0),
            R.level(Self.share, current: 90, events: 0), R.level("/nomad.slice", current: 90, events: 0),
        ]
        let check = CheckReport(record: try R.record(pids: "[" + levels.joined(separator: ",") + "]"))
        XCTAssertNil(check.unit)
        XCTAssertEqual(
            check.container?.line,
            "the tightest pids level, \(Self.scope), is Nomad task \"web\" (allocation \(Self.alloc))'s pids limit (room for 3 more)"
        )
        // nomad.slice itself full: Nomad's parent, every task of the client.
        let parent = [
            R.level(Self.scope, current: 20, events: 0), R.level(Self.share, current: 500, events: 0),
            R.level("/nomad.slice", max: "512", current: 500, events: 0),
        ]
        let full = CheckReport(record: try R.record(pids: "[" + parent.joined(separator: ",") + "]"))
        XCTAssertNil(full.unit)
        XCTAssertEqual(
            full.container?.line,
            "the tightest pids level, /nomad.slice, is Nomad's cgroup nomad.slice's pids limit (room for 12 more)")
        XCTAssertTrue(
            full.container?.fixes.first?.contains("client `cgroup_parent`") == true, "\(full.container?.fixes ?? [])")
    }

    /// The kernel's line names the task's scope: Nomad's, not a unit's.
    func testTheKernelsLineNamesTheTask() throws {
        let fixes = try R.kernelLineFixes(Self.scope)
        XCTAssertTrue(fixes.contains { $0.contains("Nomad task \"web\"") }, "\(fixes)")
        XCTAssertTrue(fixes.contains { $0.contains("share.slice") && $0.contains("partition") }, "\(fixes)")
        XCTAssertFalse(fixes.contains { $0.contains("set-property \(Self.alloc)") }, "\(fixes)")
    }

    /// The docker driver's container: docker's own cgroup, but the
    /// allocation's /etc/hosts and the task's /etc/resolv.conf name it.
    func testADockerTaskNamedByItsBindMounts() throws {
        let data = "/opt/nomad/data/alloc/\(Self.alloc)"
        let binds = #""bind_roots":{"/etc/hosts":"\#(data)/hosts","/etc/resolv.conf":"\#(data)/web/resolv.conf"}"#
        let record = try R.record(
            pids: "[" + R.level("/", max: "256", current: 256, events: 2) + "]",
            container: R.ownNs + #","markers":["/.dockerenv"],"# + binds)
        let identity = ContainerIdentity(record: record)
        XCTAssertEqual(identity.nomadTask, NomadTask.Task(alloc: Self.alloc, name: "web"))
        XCTAssertEqual(identity.workloadName, "docker container, Nomad task \"web\" (allocation \(Self.alloc))")
        let advice = PidsLimitOwner.advice(
            place: .containerOwn, path: "/", dir: nil, version: 2, newMax: 512, identity: identity)
        XCTAssertEqual(advice.count, 1)
        XCTAssertTrue(advice[0].contains("the job's `pids_limit = 512` in the task's `config` block"), "\(advice)")
        XCTAssertTrue(advice[0].contains(#"plugin "docker""#), "\(advice)")
        // The allocation's hosts file alone names the allocation.
        XCTAssertEqual(
            IdentityClues.bindRoot("\(data)/hosts").nomadTask?.label, "Nomad allocation \(Self.alloc)")
        XCTAssertNil(IdentityClues.bindRoot("/var/lib/docker/containers/\(R.dockerId)/hosts").nomadTask)
    }

    /// Host networking without a `dns` block: docker's own hostname, hosts
    /// and resolv.conf, yet the allocation's /alloc and the task's /local,
    /// which the docker driver binds in every container, name it (§11.185).
    /// Before: "docker container 9db607e42f39" and docker's advice.
    func testADockerTaskInHostNetworkingNamedByAllocAndLocal() throws {
        let data = "/opt/nomad/data/alloc/\(Self.alloc)"
        let docker = "/var/lib/docker/containers/\(R.dockerId)"
        let binds =
            #""bind_roots":{"/etc/hostname":"\#(docker)/hostname","/etc/hosts":"\#(docker)/hosts","#
            + #""/etc/resolv.conf":"\#(docker)/resolv.conf","/alloc":"\#(data)/alloc","/local":"\#(data)/web/local"}"#
        let record = try R.record(
            pids: "[" + R.level("/", max: "256", current: 256, events: 2) + "]",
            container: R.ownNs + #","markers":["/.dockerenv"],"# + binds)
        let identity = ContainerIdentity(record: record)
        XCTAssertEqual(identity.nomadTask, NomadTask.Task(alloc: Self.alloc, name: "web"))
        XCTAssertEqual(
            identity.workloadName,
            "docker container \(R.dockerId.prefix(12)), Nomad task \"web\" (allocation \(Self.alloc))")
        let advice = Classifier().classify(record).advice
        XCTAssertTrue(
            advice.contains { $0.contains("Nomad started this container with its docker driver (Nomad task \"web\"") },
            "\(advice)")
        // check names the task's own level, seen as /, with the same fix.
        let tightest = try XCTUnwrap(TightestPidsContainer.of(record))
        XCTAssertEqual(tightest.name, identity.workloadName)
        XCTAssertTrue(tightest.fixes.first?.contains("the job's `pids_limit = 512`") ?? false, "\(tightest.fixes)")
        // /alloc alone names the allocation; a directory of that name
        // elsewhere, or a task's other directory, names nothing.
        XCTAssertEqual(IdentityClues.bindRoot("\(data)/alloc").nomadTask?.label, "Nomad allocation \(Self.alloc)")
        XCTAssertNil(IdentityClues.bindRoot("\(data)/web/secrets").nomadTask)
        XCTAssertNil(IdentityClues.bindRoot("/srv/\(Self.alloc)/web/local").nomadTask)
    }

    /// A client whose `alloc_dir` is not named `alloc` (/srv/nomad-allocs
    /// here): /alloc and /local, Nomad's own mount points, still name the
    /// allocation and the task (§11.202); the hosts file at /etc/hosts, a
    /// point other runtimes bind too, does not without the default name.
    /// Before: "docker container 9db607e42f39" and docker's advice.
    func testAClientWithItsOwnAllocDirNamedByAllocAndLocal() throws {
        let data = "/srv/nomad-allocs/\(Self.alloc)"
        let docker = "/var/lib/docker/containers/\(R.dockerId)"
        let binds =
            #""bind_roots":{"/etc/hostname":"\#(docker)/hostname","/etc/hosts":"\#(data)/hosts","#
            + #""/alloc":"\#(data)/alloc","/local":"\#(data)/web/local"}"#
        let record = try R.record(
            pids: "[" + R.level("/", max: "256", current: 256, events: 2) + "]",
            container: R.ownNs + #","markers":["/.dockerenv"],"# + binds)
        let identity = ContainerIdentity(record: record)
        XCTAssertEqual(identity.nomadTask, NomadTask.Task(alloc: Self.alloc, name: "web"))
        let advice = Classifier().classify(record).advice
        XCTAssertTrue(advice.contains { $0.contains("the job's `pids_limit = 512`") }, "\(advice)")
        XCTAssertFalse(advice.contains { $0.contains("docker update --pids-limit 512 9db607e42f39` (or") }, "\(advice)")
        XCTAssertEqual(
            IdentityClues.bindRoot("\(data)/alloc", point: "/alloc").nomadTask?.label, "Nomad allocation \(Self.alloc)")
        XCTAssertEqual(IdentityClues.bindRoot("/\(Self.alloc)/api/local", point: "/local").nomadTask?.name, "api")
        XCTAssertNil(IdentityClues.bindRoot("\(data)/hosts", point: "/etc/hosts").nomadTask)
        // Not Nomad's layout at its points: another directory, a pod's volume.
        XCTAssertNil(IdentityClues.bindRoot("\(data)/web/secrets", point: "/local").nomadTask)
        XCTAssertNil(IdentityClues.bindRoot("\(data)/web/alloc", point: "/alloc").nomadTask)
        XCTAssertNil(
            IdentityClues.bindRoot("/var/lib/kubelet/pods/\(R.podUid)/volumes/local", point: "/local").nomadTask)
    }

    /// Nomad's podman driver on v2 with systemd: the container's scope
    /// right below nomad.slice, its limit the job's pids_limit.
    func testAPodmanTaskBelowNomadSlice() throws {
        let scope = "/nomad.slice/libpod-\(R.dockerId).scope"
        let id = try R.identity(pids: #"[{"version":2,"path":"\#(scope)"}]"#)
        XCTAssertEqual(id.runtime, .podman)
        XCTAssertEqual(
            id.workloadName, "podman container \(R.dockerId.prefix(12)), a Nomad task (cgroup parent nomad.slice)")
        let levels = [
            R.level(scope, max: "100", current: 100, events: 1), R.level("/nomad.slice", current: 300, events: 0),
        ]
        let advice = try R.hostPidsAdvice(levels, binding: scope)
        XCTAssertTrue(
            advice.contains { $0.contains("Nomad's podman driver") && $0.contains("`pids_limit = 200`") }, "\(advice)")
        XCTAssertFalse(advice.contains { $0.contains("containers.conf") }, "\(advice)")
        let check = CheckReport(record: try R.record(pids: "[" + levels.joined(separator: ",") + "]"))
        XCTAssertEqual(
            check.container?.line,
            "the tightest pids level, \(scope), is podman container \(R.dockerId.prefix(12))'s pids limit (room for 0 more)"
        )
        // A podman scope elsewhere keeps podman's own advice.
        let plain = try R.hostPidsAdvice(
            [R.level("/machine.slice/libpod-\(R.dockerId).scope", max: "100", current: 100, events: 1)],
            binding: "/machine.slice/libpod-\(R.dockerId).scope")
        XCTAssertFalse(plain.contains { $0.contains("Nomad") }, "\(plain)")
    }
}
