import XCTest

@testable import ForkExplainCore

/// A 32-bit process out of address space (docs/kernel-facts.md §11.4):
/// the seventh field audit's koji replay (scenario 124) had a thread ask
/// for a 515 MiB stack with VmSize at 88 % of 3 GiB, below the old 95 %
/// rule, on an armv7hl kernel the reader did not know as 32-bit.
final class AddressSpaceTests: XCTestCase {
    let classifier = Classifier()

    /// An unexplained thread failure: the rlimit-nproc record with the
    /// uid's count far from its limit.
    private func thread(kernel: String, vmSizeKb: Int64, stackBytes: Int64?) throws -> LogRecord {
        var record = try Fixture.record("rlimit-nproc.jsonl")
        record.limits?.uidTasks = 10
        record.kernel = kernel
        var call = CallSnapshot(name: "pthread_create", errno: 11, errnoName: "EAGAIN")
        call.stackSizeBytes = stackBytes
        record.call = call
        record.memory?.vmSizeKb = vmSizeKb
        return record
    }

    func testAStackThatCannotFitBelowTheSplitNamesTheAddressSpace() throws {
        let verdict = classifier.classify(
            try thread(kernel: "4.9.9-200.fc25.armv7hl+lpae", vmSizeKb: 2_776_000, stackBytes: 515 << 20))
        XCTAssertEqual(verdict.id, .unexplained)
        XCTAssertEqual(verdict.bindingLimit.key, "address-space:3G")
        XCTAssertTrue(verdict.summary.contains("no room for the thread's stack"), verdict.summary)
        XCTAssertTrue(verdict.evidence[0].contains("3G/1G split"), "\(verdict.evidence)")
        XCTAssertTrue(verdict.evidence[1].contains("515.0 MiB stack"), "\(verdict.evidence)")
        XCTAssertTrue(verdict.advice[0].contains("-Xss"), "\(verdict.advice)")
    }

    func testASmallStackWithRoomLeftIsNotTheAddressSpace() throws {
        let verdict = classifier.classify(
            try thread(kernel: "4.9.9-200.fc25.armv7hl+lpae", vmSizeKb: 2_776_000, stackBytes: 1 << 20))
        XCTAssertEqual(verdict.id, .unexplained)
        XCTAssertEqual(verdict.bindingLimit.key, "unexplained")
        XCTAssertFalse(verdict.evidence.contains { $0.contains("3G/1G split") }, "\(verdict.evidence)")
    }

    func testA64BitKernelHasNoThreeGibibyteCeiling() throws {
        let verdict = classifier.classify(
            try thread(kernel: "5.14.0-427.13.1.el9_4.aarch64", vmSizeKb: 2_776_000, stackBytes: 515 << 20))
        XCTAssertEqual(verdict.bindingLimit.key, "unexplained")
    }

    func testNearTheCeilingWithoutAStackSizeStillShowsTheNumbers() throws {
        let verdict = classifier.classify(
            try thread(kernel: "2.6.32-754.el6.i686", vmSizeKb: 3_110_000, stackBytes: nil))
        XCTAssertTrue(verdict.evidence[0].contains("3G/1G split"), "\(verdict.evidence)")
        // Without the requested size the arithmetic cannot be done: no binding.
        XCTAssertEqual(verdict.bindingLimit.key, "unexplained")
    }

    func testThirtyTwoBitARMReleasesAreKnown() {
        XCTAssertTrue(AddressSpace.is32BitKernel("4.9.9-200.fc25.armv7hl+lpae"))
        XCTAssertTrue(AddressSpace.is32BitKernel("4.19.0-6-armmp-lpae"))
        XCTAssertTrue(AddressSpace.is32BitKernel("5.10.0-28-armmp"))
        XCTAssertFalse(AddressSpace.is32BitKernel("6.1.0-18-arm64"))
        XCTAssertFalse(AddressSpace.is32BitKernel("5.14.0-427.13.1.el9_4.aarch64"))
    }

    /// `explain` on the JVM's line offers the 32-bit address space among
    /// the thread causes, after the limits that name an address space.
    func testExplainOffersTheThirtyTwoBitAddressSpaceForAJVMThread() throws {
        let causes = Explainer.explain("java.lang.OutOfMemoryError: unable to create new native thread").causes
        let ids = causes.map(\.id)
        let cause = try XCTUnwrap(causes.first { $0.title.hasPrefix("a 32-bit process") })
        XCTAssertTrue(cause.checks[0].contains("VmSize"))
        XCTAssertTrue(ids.contains("rlimit_as"), "\(ids)")
    }
}
