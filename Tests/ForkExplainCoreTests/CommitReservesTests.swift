import XCTest

@testable import ForkExplainCore

/// Strict overcommit refuses below CommitLimit by the reserves mm/util.c
/// __vm_enough_memory() keeps back, and says so in its own kernel line
/// (docs/kernel-facts.md §11.216; bgpeer/nodekit#154).
final class CommitReservesTests: XCTestCase {
    /// A cgo thread of a 1.5 GiB-VmSize Go program at 94.7 % of CommitLimit:
    /// below CommitLimit by 266 MiB, but 96 % of it less the reserves.
    private func nodekitRecord() throws -> LogRecord {
        var record = try Fixture.record("commit-limit-mode2.jsonl")
        record.call = CallSnapshot(name: "pthread_create", errno: 11, errnoName: "EAGAIN")
        var memory = try XCTUnwrap(record.memory)
        let kb: [(WritableKeyPath<MemorySnapshot, Int64?>, Int64)] = [
            (\.memTotalKb, 3_984_588), (\.swapTotalKb, 1_048_572), (\.commitLimitKb, 5_033_160),
            (\.committedAsKb, 4_766_402), (\.memAvailableKb, 2_411_724), (\.vmSizeKb, 1_600_000),
            (\.vmDataKb, 70_000), (\.vmRssKb, 14_000),
        ]
        for (field, value) in kb { memory[keyPath: field] = value }
        memory.overcommitRatio = 100
        record.memory = memory
        return record
    }

    func testNearTheLimitLessTheReservesIsTheCommitLimit() throws {
        let verdict = Classifier().classify(try nodekitRecord())
        XCTAssertEqual(verdict.id, .commitLimit)
        XCTAssertEqual(verdict.confidence, .medium)
        XCTAssertTrue(
            verdict.evidence.contains { $0.contains("is 96 % of CommitLimit 4.8 GiB less the reserves") },
            "\(verdict.evidence)")
        XCTAssertTrue(verdict.evidence.contains { $0.contains("min(VmSize 1.5 GiB / 32") }, "\(verdict.evidence)")
        // The snapshot leaves room: no ratio is sized from it, least of all one below 100.
        XCTAssertFalse(verdict.advice.contains { $0.contains("vm.overcommit_ratio=9") }, "\(verdict.advice)")
        // A stack of glibc's usual size is not what to shrink: the limit leads, then mode 0.
        XCTAssertTrue(verdict.advice[0].hasPrefix("Raise the commit limit"), "\(verdict.advice)")
        XCTAssertTrue(verdict.advice[1].contains("`sysctl -w vm.overcommit_memory=0`"), "\(verdict.advice)")
    }

    /// Without the reserves the same numbers are 94.7 % of CommitLimit:
    /// a small process (VmSize 32 MiB) with CAP_SYS_ADMIN keeps back 1 MiB.
    func testASmallAdminProcessAtTheSameCommitIsNot() throws {
        var record = try nodekitRecord()
        record.memory?.vmSizeKb = 32_768
        var limits = record.limits ?? LimitsSnapshot()
        limits.nprocExempt = "cap_sys_admin"
        record.limits = limits
        XCTAssertNotEqual(Classifier().classify(record).id, .commitLimit)
    }

    /// On a 512 MiB machine the reserves were sized from at most 512 MiB
    /// free at boot (3 %: 16 MiB), not their 128 MiB cap: 650000 kB of a
    /// 768 MiB CommitLimit leaves room for an 8 MiB stack.
    func testASmallMachinesReservesAreAFractionOfItsMemory() throws {
        var record = try nodekitRecord()
        var memory = try XCTUnwrap(record.memory)
        memory.memTotalKb = 524_288
        memory.swapTotalKb = 524_288
        memory.commitLimitKb = 786_432
        memory.committedAsKb = 650_000
        memory.overcommitRatio = 50
        memory.vmSizeKb = 4_000_000
        record.memory = memory
        XCTAssertNotEqual(Classifier().classify(record).id, .commitLimit)
    }

    func testTheKernelsLineNamesTheTaskAndTheCharge() {
        let line =
            "[ 4711.201] __vm_enough_memory: pid: 41231, comm: dockerd, bytes: 67108864 not enough memory for the allocation"
        XCTAssertEqual(
            CommitRefusalLine.reading(in: line),
            CommitRefusalLine.Reading(pid: "41231", comm: "dockerd", bytes: 67_108_864))
        let explanation = Explainer.explain(line)
        XCTAssertEqual(explanation.known?.cause.id, "commit_limit")
        XCTAssertEqual(explanation.message.program, "the kernel")
        XCTAssertEqual(explanation.errnos, ["ENOMEM"])
        XCTAssertTrue(explanation.known?.reason.contains("refused dockerd (pid 41231) a charge of 64.0 MiB") == true)
        // The 2022 form, before `bytes:`.
        let old = CommitRefusalLine.reading(
            in: "__vm_enough_memory: pid: 1218, comm: a.out, not enough memory for the allocation")
        XCTAssertEqual(old, CommitRefusalLine.Reading(pid: "1218", comm: "a.out", bytes: nil))
        // Another program's words are not the kernel's.
        XCTAssertNil(CommitRefusalLine.reading(in: "Error: Allocation error, not enough memory for the allocation."))
    }

    /// Beside a program's own words the kernel's line puts the commit limit first.
    func testTheKernelsLineBesideRuncsWordsLeadsWithTheCommitLimit() {
        let runc = "OCI runtime create failed: write init-p: broken pipe"
        XCTAssertEqual(Explainer.explain(runc).causes.first?.id, "memcg_limit")
        let both =
            "__vm_enough_memory: pid: 9, comm: runc:[2:INIT], bytes: 8192 not enough memory for the allocation\n" + runc
        let explanation = Explainer.explain(both)
        XCTAssertEqual(explanation.message.program, "runc (runc init died before it read its bootstrap data)")
        XCTAssertEqual(explanation.causes.first?.id, "commit_limit")
        XCTAssertTrue(explanation.message.notes.contains { $0.contains("refused `runc:[2:INIT]` 8.0 KiB") })
    }
}
