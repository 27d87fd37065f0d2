import XCTest

@testable import ForkExplainCore

/// The Go runtime's newosproc line beyond its errno (docs/kernel-facts.md
/// §11.208): clone's EINVAL under QEMU's user mode is no limit, the stack
/// was the runtime's own before the clone, and `have N already` is the
/// process's own count.
final class GoNewOSProcTests: XCTestCase {
    /// golang/go#20763: Go 1.8.3 under qemu-aarch64 2.9. Before: "No cause
    /// of process or thread creation failure gives this error".
    func testEINVALIsAnEmulatorsRefusedFlagsNotALimit() {
        let explained = Explainer.explain("runtime: failed to create new OS thread (have 2 already; errno=22)")
        XCTAssertEqual(explained.errnos, ["EINVAL"])
        XCTAssertNotNil(explained.message.notATask)
        XCTAssertTrue(explained.causes.isEmpty)
        XCTAssertTrue(explained.message.programNote?.contains("CLONE_SYSVSEM") ?? false)
    }

    /// The stack causes are gone; clone's ENOMEM is the task's memory or PIDs.
    func testTheRuntimesCloneHasNoStackCause() {
        let again = Explainer.explain("runtime: failed to create new OS thread (have 772 already; errno=11)")
        for stack in CauseCatalog.stackCauses { XCTAssertFalse(again.causes.map(\.id).contains(stack), stack) }
        let memory = Explainer.explain("runtime: failed to create new OS thread (have 40 already; errno=12)")
        XCTAssertEqual(memory.causes.map(\.id), ["pid_max", "memcg_limit", "memory_exhausted"])
    }

    /// golang/go#15476: 6 threads of its own, fixed by `ulimit -u`: the
    /// limit counted others. 772 of its own (grafana/loki#227) says nothing.
    func testFewThreadsOfItsOwnPointAtWhatSharesTheLimit() {
        let few = Explainer.explain("runtime: failed to create new OS thread (have 6 already; errno=11)")
        XCTAssertTrue(few.message.notes.contains { $0.hasPrefix("The Go process had 6 threads of its own") })
        let many = Explainer.explain("runtime: failed to create new OS thread (have 772 already; errno=11)")
        XCTAssertFalse(many.message.notes.contains { $0.hasPrefix("The Go process had") })
    }
}
