import XCTest

@testable import ForkExplainCore

/// Who RLIMIT_NPROC exempts is not one text: a fork exempts the host's root
/// and CAP_SYS_RESOURCE/CAP_SYS_ADMIN, an exec after a uid change only a
/// change to the host's root (docs/kernel-facts.md §11.113).
final class NPROCExemptionTests: XCTestCase {
    private func condition(_ text: String) -> String? {
        Explainer.explain(text).causes.first { $0.id == "rlimit_nproc" }?.condition
    }

    func testAForkNamesTheCapabilitiesAndTheInitialNamespace() {
        let fork = condition("bash: fork: Resource temporarily unavailable")
        XCTAssertEqual(fork, NPROCExemption.task)
        XCTAssertTrue(fork?.contains("CAP_SYS_RESOURCE or CAP_SYS_ADMIN") ?? false)
        XCTAssertTrue(fork?.contains("a container's root in a user namespace is counted") ?? false)
    }

    /// runc's `exec /entrypoint: resource temporarily unavailable` and
    /// setpriv's, as scenario 210 makes it: capabilities do not exempt.
    func testAnExecAfterAUidChangeIsExemptOnlyForTheHostsRoot() {
        for text in [
            "setpriv: failed to execute /bin/true: Resource temporarily unavailable",
            "exec /usr/local/bin/code-runner: resource temporarily unavailable",
        ] {
            let exec = condition(text)
            XCTAssertEqual(exec, NPROCExemption.execAfterUidChange, text)
            XCTAssertTrue(exec?.contains("no capability exempts it") ?? false, text)
            XCTAssertTrue(exec?.contains("5.15 and 5.16 before their February 2022 stable updates") ?? false, text)
        }
        let note = Explainer.explain("su: failed to execute /bin/bash: Resource temporarily unavailable").message.notes
        XCTAssertTrue(note.contains { $0.contains("do not exempt this") && $0.contains("§11.113") }, "\(note)")
    }

    func testARenderedExplanationCarriesTheExecCondition() {
        let text = ExplanationRenderer().render(
            Explainer.explain("setpriv: failed to execute /bin/true: Resource temporarily unavailable"))
        XCTAssertTrue(text.contains("— \(NPROCExemption.execAfterUidChange)"), text)
        XCTAssertFalse(text.contains(NPROCExemption.task), text)
    }
}
