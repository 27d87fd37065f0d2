import XCTest

@testable import ForkExplainCore

/// Android's bionic and ART name the step of a thread's creation that was
/// refused (docs/kernel-facts.md §11.204): the stack's mapping, making it
/// writable, or clone. Before, every one read as a task limit first, and
/// "Out of memory" as no errno at all.
final class AndroidThreadRuleTests: XCTestCase {
    private func ids(_ text: String) -> [String] {
        Explainer.explain(text).causes.map(\.id)
    }

    /// bionic's `couldn't allocate N-bytes mapped space`: a PROT_NONE
    /// mapping refused, before any task; no commit charge is made for it.
    func testARefusedStackMappingIsTheAddressSpaceNotATask() {
        let text =
            "W/libc: pthread_create failed: couldn't allocate 1069056-bytes mapped space: Out of memory"
        let explanation = Explainer.explain(text)
        XCTAssertEqual(explanation.message.program, "Android's C library (bionic)")
        XCTAssertEqual(explanation.errnos, ["ENOMEM"])
        XCTAssertEqual(ids(text), ["unexplained", "map_count_limit", "rlimit_as"])
        XCTAssertFalse(ids(text).contains("cgroup_pids_limit"))
        XCTAssertFalse(ids(text).contains("commit_limit"))
    }

    /// `couldn't mprotect R+W`: the writable stack is what the commit
    /// limit charges, and the split mapping what max_map_count counts.
    func testARefusedMprotectIsTheMapCountOrTheCommitLimit() {
        let text =
            "W libc: pthread_create failed: couldn't mprotect R+W 1052672-byte thread mapping region: Out of memory"
        XCTAssertEqual(Array(ids(text).prefix(2)), ["map_count_limit", "commit_limit"])
    }

    /// `clone failed: Try again`: the stack was mapped, so only task
    /// limits and the kernel's memory remain.
    func testARefusedCloneHasNoStackCause() {
        let text = "W libc    : pthread_create failed: clone failed: Try again"
        XCTAssertEqual(Explainer.explain(text).errnos, ["EAGAIN"])
        let causes = ids(text)
        XCTAssertEqual(causes.first, "cgroup_pids_limit")
        for stack in ["map_count_limit", "rlimit_as", "unexplained", "commit_limit"] {
            XCTAssertFalse(causes.contains(stack), stack)
        }
    }

    /// clone's ENOMEM, which ART prints as "Out of memory": PID numbers on
    /// a kernel before 4.1 (Android's 3.10 and 3.18 too), or kernel memory.
    func testClonesOutOfMemoryIsPIDsOnAnOldKernelOrKernelMemory() {
        let explanation = Explainer.explain(
            "java.lang.OutOfMemoryError: pthread_create (1040KB stack) failed: Out of memory")
        XCTAssertEqual(explanation.errnos, ["ENOMEM"])
        XCTAssertEqual(explanation.causes.map(\.id), ["pid_max", "memcg_limit", "memory_exhausted"])
        XCTAssertTrue(explanation.causes[0].condition?.contains("Android's 3.10") ?? false)
    }

    /// An app is zygote's child: the last line says what to read over adb,
    /// not to run it under the shim.
    func testTheConclusionSaysAdbNotRun() {
        let text = ExplanationRenderer().render(Explainer.explain("pthread_create (1040KB stack) failed: Try again"))
        XCTAssertTrue(text.contains("cannot wrap an Android app"), text)
        XCTAssertFalse(text.contains("run the program under `forkexplain run"), text)
    }
}
