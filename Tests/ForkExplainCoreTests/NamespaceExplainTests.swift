import XCTest

@testable import ForkExplainCore

/// ENOSPC from a namespace's creation is a namespace count, not PID
/// numbers and not a disk (docs/kernel-facts.md §11.68 to §11.72; scenarios
/// 180 to 183 make each for real).
final class NamespaceExplainTests: XCTestCase {
    func testBwrapInsideADisableUsernsSandboxIsTheNamespaceCount() {
        let explanation = Explainer.explain(
            "pressure-vessel-wrap[13]: E: Child process exited with code 1: bwrap: Creating new namespace failed: nesting depth or /proc/sys/user/max_*_namespaces exceeded (ENOSPC)"
        )
        XCTAssertEqual(explanation.errnos, ["ENOSPC"])
        XCTAssertEqual(explanation.message.program, "bubblewrap (bwrap)")
        XCTAssertEqual(explanation.causes.map(\.id), ["max_user_namespaces", "pid_max", "unexplained"])
        XCTAssertTrue(explanation.message.notes.joined().contains("--disable-userns"))
    }

    /// unshare(2) allocates no PID: pid_max cannot be its ENOSPC.
    func testUnshareRulesOutPIDNumbers() {
        let explanation = Explainer.explain("unshare: unshare failed: No space left on device")
        XCTAssertEqual(explanation.message.program, "unshare (util-linux)")
        XCTAssertEqual(explanation.causes.map(\.id), ["max_user_namespaces", "unexplained"])
    }

    func testEnrootUnderSlurmAndLXCAttachNameTheCount() {
        for line in [
            "slurmstepd: error: pyxis:     enroot-nsenter: failed to create user namespace: No space left on device",
            "lxc-attach: eolo: ../src/lxc/conf.c: userns_exec_minimal: 4599 No space left on device - Failed to unshare new user namespace",
        ] {
            XCTAssertEqual(Explainer.explain(line).causes.first?.id, "max_user_namespaces", line)
        }
    }

    /// RootlessKit's line holds runc's `fork/exec /proc/self/exe`: it must
    /// not be read as runc's, whose note is about task limits.
    func testRootlessKitIsNotRunc() {
        let explanation = Explainer.explain(
            "[rootlesskit:parent] error: failed to start the child: fork/exec /proc/self/exe: no space left on device")
        XCTAssertEqual(explanation.message.program?.hasPrefix("RootlessKit"), true)
        XCTAssertEqual(explanation.causes.first?.id, "max_user_namespaces")
        XCTAssertTrue(explanation.message.notes.joined().contains("sysctl -w user.max_user_namespaces=28633"))
    }

    /// containerd's pod user namespace and rootless podman on Talos, whose
    /// max_user_namespaces is 0 (§11.72): neither is runc's line.
    func testContainerdAndPodmanOnTalosNameTheCount() {
        let containerd = Explainer.explain(
            "failed to create network namespace for sandbox \"0752eaba\": failed to start noop process for unshare: fork/exec /proc/self/exe: no space left on device"
        )
        XCTAssertEqual(containerd.message.program, "containerd (a pod with its own user namespace)")
        XCTAssertEqual(containerd.causes.first?.id, "max_user_namespaces")
        XCTAssertTrue(containerd.message.notes.joined().contains("machine.sysctls"))
        let podman = Explainer.explain(
            "cannot clone: No space left on device\nuser namespaces are not enabled in /proc/sys/user/max_user_namespaces"
        )
        XCTAssertEqual(podman.message.program, "podman (rootless)")
        XCTAssertEqual(podman.causes.first?.id, "max_user_namespaces")
    }

    /// The shim cannot see these programs' unshare or raw clone: the
    /// explanation must not send the reader to `forkexplain run`.
    func testNamespaceProgramsAreNotSentToRun() {
        let text = ExplanationRenderer().render(Explainer.explain("bwrap: unshare user ns: No space left on device"))
        XCTAssertFalse(text.contains("To know which one, run the program under"), text)
        XCTAssertTrue(text.contains("does not see unshare(2)"), text)
        let other = ExplanationRenderer().render(Explainer.explain("fork: retry: Resource temporarily unavailable"))
        XCTAssertTrue(other.contains("To know which one, run the program under"), other)
    }

    /// A plain ENOSPC still lists the namespace count, after PID numbers.
    func testPlainENOSPCListsTheCount() {
        let ids = Explainer.explain("fork: No space left on device").causes.map(\.id)
        XCTAssertEqual(ids, ["pid_max", "max_user_namespaces", "unexplained"])
    }
}
