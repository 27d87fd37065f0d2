import Foundation
import XCTest

@testable import ForkExplainCore

/// A RUN step of a buildah build (docs/kernel-facts.md §11.201): buildah
/// writes /run/.containerenv with `engine="buildah-VERSION"` and its working
/// container's name and image for every RUN, where podman writes one only
/// for a --privileged container. Before: "podman container" and `podman
/// update --pids-limit`, which does not reach a build.
final class BuildahRunTests: XCTestCase {
    typealias R = ContainerRecords

    private func record(_ env: String) throws -> LogRecord {
        try R.record(
            pids: "[" + R.level("/", max: "64", current: 64, events: 5) + "]",
            container: R.ownNs + #","markers":["/run/.containerenv"],"containerenv":{\#(env)}"#)
    }

    func testABuildahRunIsNamedAndGivenTheBuildsCgroup() throws {
        let rec = try record(
            #""engine":"buildah-1.33.7","name":"alpine-working-container","image":"docker.io/library/alpine:latest""#)
        let identity = ContainerIdentity(record: rec)
        XCTAssertEqual(identity.runtime, .buildah)
        XCTAssertEqual(
            identity.workloadName,
            "a buildah RUN step, working container \"alpine-working-container\" (image docker.io/library/alpine:latest)"
        )
        let advice = Classifier().classify(rec).advice
        XCTAssertTrue(advice.contains { $0.contains("buildah sets no pids limit on a step") }, "\(advice)")
        XCTAssertTrue(advice.contains { $0.contains("`--cgroup-parent`") }, "\(advice)")
        XCTAssertFalse(advice.contains { $0.contains("podman update") }, "\(advice)")
        let tightest = try XCTUnwrap(TightestPidsContainer.of(rec))
        XCTAssertTrue(tightest.name.hasPrefix("a buildah RUN step"), tightest.name)
    }

    func testPodmansOwnContainerenvIsStillPodmans() throws {
        let rec = try record(#""engine":"podman-5.2.2","name":"web","image":"docker.io/library/nginx:latest""#)
        XCTAssertEqual(ContainerIdentity(record: rec).runtime, .podman)
    }
}
