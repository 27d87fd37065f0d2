import Foundation
import XCTest

@testable import ForkExplainCore

/// check and report inside a container, where the runtime's cgroup
/// namespace (or its hierarchy mounted at the leaf) shows the container's
/// own level as `/` (docs/kernel-facts.md §11.195, §11.196): the level is
/// named from what is visible inside, and its fix is the runtime's, set
/// outside the container.
final class ContainerOwnRootCheckTests: XCTestCase {
    typealias R = ContainerRecords

    /// The container's own level, full: / with pids.max 64, v2 in a cgroup
    /// namespace (the files of a non-root level seen as root).
    static let full = "[" + R.level("/", max: "64", current: 64, events: 3) + "]"

    static func record(_ container: String, host: String = "web1") throws -> LogRecord {
        try R.record(pids: full, container: R.ownNs + "," + container, host: host)
    }

    func assertNamed(
        _ container: String, host: String = "web1", name: String, fix: String, file: StaticString = #filePath,
        line: UInt = #line
    ) throws {
        let check = CheckReport(record: try Self.record(container, host: host))
        XCTAssertNil(check.unit, file: file, line: line)
        XCTAssertEqual(
            check.container?.line, "the tightest pids level, /, is \(name)'s pids limit (room for 0 more)", file: file,
            line: line)
        let fixes = check.container?.fixes ?? []
        XCTAssertEqual(fixes.first, TightestPidsContainer.setOutside, file: file, line: line)
        XCTAssertTrue(fixes.dropFirst().contains { $0.contains(fix) }, "\(fixes)", file: file, line: line)
    }

    func testDockerByItsHostnameBindMount() throws {
        try assertNamed(
            #""markers":["/.dockerenv"],"bind_roots":{"/etc/hostname":"/var/lib/docker/containers/\#(R.dockerId)/hostname"}"#,
            name: "docker container \(R.dockerId.prefix(12))",
            fix: "`docker update --pids-limit 128 \(R.dockerId.prefix(12))` (or `pids_limit:` in compose")
    }

    func testDockerByItsMarkerAlone() throws {
        try assertNamed(
            #""markers":["/.dockerenv"],"bind_roots":{}"#, name: "docker container",
            fix: "`docker update --pids-limit 128 CONTAINER`")
    }

    /// A --privileged podman container's .containerenv names it and its image.
    func testPodmanByItsContainerenv() throws {
        try assertNamed(
            #""markers":["/run/.containerenv"],"containerenv":{"engine":"podman-5.2.2","name":"web-286","image":"docker.io/library/nginx:1.27"},"bind_roots":{}"#,
            name: "podman container \"web-286\" (image docker.io/library/nginx:1.27)",
            fix:
                "`podman update --pids-limit 128 web-286`, `--pids-limit` at `podman run`, or `pids_limit = 128` in containers.conf (`[containers]`; default 2048)"
        )
        let identity = ContainerIdentity(
            record: try Self.record(
                #""markers":["/run/.containerenv"],"containerenv":{"engine":"podman-5.2.2","name":"web-286"}"#))
        XCTAssertTrue(
            identity.sources?.contains("/run/.containerenv names web-286") == true, "\(identity.sources ?? [])")
        // buildah's RUN writes one too: not a podman container, but a
        // build's working container (§11.201, BuildahRunTests).
        let build = ContainerIdentity(
            record: try Self.record(
                #""markers":["/run/.containerenv"],"containerenv":{"engine":"buildah-1.37","name":"nginx-working-container"}"#
            ))
        XCTAssertEqual(build.runtime, .buildah)
        XCTAssertEqual(build.workloadName, "a buildah RUN step, working container \"nginx-working-container\"")
    }

    /// kubelet's service account mount, no path naming the pod: the pod by
    /// its hostname, and kubelet's podPidsLimit.
    func testKubernetesByItsServiceAccountMount() throws {
        try assertNamed(
            #""markers":["/var/run/secrets/kubernetes.io/serviceaccount"],"bind_roots":{}"#, host: "api-7d9f8-x2kqp",
            name: "a Kubernetes pod (hostname api-7d9f8-x2kqp, by default the pod's name)",
            fix: "`kubectl get pods -A --field-selector metadata.name=api-7d9f8-x2kqp`")
        let fixes =
            CheckReport(record: try Self.record(#""markers":["/var/run/secrets/kubernetes.io/serviceaccount"]"#))
            .container?.fixes ?? []
        XCTAssertTrue(fixes.contains { $0.contains("`podPidsLimit: 128` in the KubeletConfiguration") }, "\(fixes)")
    }

    func testLXCAndNspawnByTheirManager() throws {
        try assertNamed(
            #""markers":[],"manager":"lxc""#, host: "build1", name: "LXC container",
            fix: "`lxc.cgroup2.pids.max = 128` in the container's config (/var/lib/lxc/build1/config)")
        try assertNamed(
            #""markers":[],"manager":"systemd-nspawn""#, host: "deb12", name: "systemd-nspawn (machined) container",
            fix: "`systemctl set-property machine-deb12.scope TasksMax=128`")
    }

    /// container= in PID 1's environment: LXC with no systemd inside
    /// (Alpine's OpenRC writes no /run/systemd/container).
    func testLXCByPID1sEnvironment() throws {
        try assertNamed(
            #""markers":[],"init_container":"lxc""#, host: "alpine1", name: "LXC container",
            fix: "`lxc.cgroup2.pids.max = 128` in the container's config (/var/lib/lxc/alpine1/config)")
        let identity = ContainerIdentity(record: try Self.record(#""markers":[],"init_container":"lxc""#))
        XCTAssertTrue(identity.sources?.contains("container=lxc in PID 1's environment") == true)
    }

    /// Nothing visible names the runtime: still the container's own level,
    /// with every owner it can have.
    func testNothingNamesItStillTheContainersOwn() throws {
        try assertNamed(
            #""markers":[],"bind_roots":{}"#, name: "this container",
            fix: "docker/podman: `docker update --pids-limit 128 CONTAINER`")
    }

    /// report on the same failure: the workload and the runtime's knob.
    func testReportNamesThePodmanContainerAndItsKnob() throws {
        let record = try Self.record(
            #""markers":["/run/.containerenv"],"containerenv":{"engine":"podman-5.2.2","name":"web-286","image":"docker.io/library/nginx:1.27"}"#
        )
        let verdict = Classifier().classify(record)
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        XCTAssertEqual(
            ContainerIdentity(record: record).workloadName,
            "podman container \"web-286\" (image docker.io/library/nginx:1.27)")
        XCTAssertTrue(
            verdict.advice.contains { $0.contains("`podman update --pids-limit 128 web-286`") }, "\(verdict.advice)")
    }

    /// The host's own root is not a container's level.
    func testTheHostsRootIsNoContainer() throws {
        let host = CheckReport(
            record: try R.record(pids: Self.full, container: R.hostNs + #","markers":["/.dockerenv"]"#))
        XCTAssertNil(host.container)
    }
}
