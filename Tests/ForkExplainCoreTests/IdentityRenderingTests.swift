import Foundation
import XCTest

@testable import ForkExplainCore

/// The workload is shown in every format: a line in text and Markdown, an
/// `identity` object and a `workload` line on each JSON event and incident.
final class IdentityRenderingTests: XCTestCase {
    typealias R = ContainerRecords

    func report() throws -> Report {
        let path = "/docker/\(R.dockerId)"
        let record = try R.record(
            pids: "[\(R.level(path, max: "200", current: 200, events: 31, version: 1, dir: "/sys/fs/cgroup/pids"))]",
            mount: #""version":1,"mount":"/sys/fs/cgroup/pids","root":"\#(path)""#)
        return ReportBuilder().build(records: [record])
    }

    func testJSONCarriesTheIdentity() throws {
        let text = try JSONRenderer().render(try report())
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let event = try XCTUnwrap((object["events"] as? [[String: Any]])?.first)
        let identity = try XCTUnwrap(event["identity"] as? [String: Any])
        XCTAssertEqual(identity["runtime"] as? String, "docker")
        XCTAssertEqual(identity["container_id"] as? String, R.dockerId)
        XCTAssertEqual(identity["cgroup_mount_root"] as? String, "/docker/\(R.dockerId)")
        XCTAssertEqual(identity["sees_host_cgroup_root"] as? Bool, false)
        XCTAssertEqual(identity["in_cgroup_namespace"] as? Bool, false)
        XCTAssertTrue((event["workload"] as? String)?.hasPrefix("docker container 9db607e42f39") == true)
        // The existing keys stay.
        XCTAssertEqual(event["verdict"] as? String, "cgroup_pids_limit")
        let incident = try XCTUnwrap((object["incidents"] as? [[String: Any]])?.first)
        XCTAssertNotNil(incident["identity"])
    }

    func testAKubepodsPathInAnOlderRecordStillNamesThePod() throws {
        let event = try XCTUnwrap(try Fixture.report(["cgroup-pids-parent.jsonl"]).events.first)
        XCTAssertEqual(event.identity?.podUid, "7c1e")
        XCTAssertEqual(event.identity?.qosClass, .guaranteed)
        XCTAssertNil(event.identity?.seesHostCgroupRoot)
    }

    func testTextAndMarkdownShowTheWorkload() throws {
        let report = try report()
        XCTAssertTrue(TextRenderer().render(report).contains("  Workload: docker container 9db607e42f39"))
        XCTAssertTrue(MarkdownRenderer().render(report).contains("Workload: docker container 9db607e42f39"))
    }

    /// The workload line says, in an operator's words, whether the process
    /// was in a container and which cgroup it sat in; no namespace jargon.
    func testTheWorkloadLineSaysContainerOrNotAndTheCgroup() throws {
        let onHost = try XCTUnwrap(
            try R.identity(pids: "[\(R.level("/web.slice/app.service"))]").summary)
        XCTAssertTrue(
            onHost.contains(
                "in the host's cgroups, not a container's: cgroup /web.slice/app.service, every level above it in view"),
            onHost)
        let runc = try XCTUnwrap(
            try R.identity(
                pids: "[\(R.level("/", version: 1, dir: "/sys/fs/cgroup/pids"))]", container: R.ownNs,
                mount: #""version":1,"mount":"/sys/fs/cgroup/pids","root":"/ctr-1""#
            ).summary)
        XCTAssertTrue(
            runc.contains(
                "in a container: its own cgroup is /ctr-1 on the host (/ inside); the levels above it could not be read from inside"
            ), runc)
        let private2 = try XCTUnwrap(try R.identity(pids: "[\(R.level("/"))]", container: R.ownNs).summary)
        XCTAssertTrue(
            private2.contains("its own cgroup shows as / inside (its name on the host is not in the record)"), private2)
        for line in [onHost, runc, private2] {
            XCTAssertFalse(line.contains("namespace") || line.contains("mount root"), line)
        }
    }

    func testARecordWithoutContainerFieldsShowsNoWorkload() throws {
        let report = try Fixture.report(["rlimit-nproc.jsonl"])
        XCTAssertFalse(TextRenderer().render(report).contains("Workload:"))
        XCTAssertFalse(try JSONRenderer().render(report).contains("\"identity\""))
    }
}
