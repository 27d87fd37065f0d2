import XCTest

@testable import ForkExplainCore

/// `SpillRuns.add` writes a run and merges none; `settle` merges the runs
/// due, so that a table lets go of its entries before a merge's room is
/// made (docs/performance.md, "The report's last megabytes: the tables'
/// own room"). Records of 24 bytes: hash, mark, a key of 8 bytes.
final class SpillSettleTests: XCTestCase {
    private let size = 24

    /// Adds keys as one run (`SpillRunsKeys.swift`).
    private func add(_ keys: [UInt64], to runs: SpillRuns) -> Bool { runs.add(keys: keys) }

    private func find(_ key: UInt64, in runs: SpillRuns) -> Bool { runs.holds(key: key) }

    /// Four runs of a size stand as four until `settle`, then as one, each
    /// key found before and after, none that was not added.
    func testAddMergesNoneAndSettleMergesFour() throws {
        let runs = SpillRuns(recordSize: size, compactFrom: .max)
        // Past a piece (`stride`) each, so a merge reads each run in pieces.
        let perRun = 700
        for run in 0..<SpillRuns.fanIn {
            let keys = (0..<perRun).map { UInt64(run * perRun + $0) }
            XCTAssertTrue(add(keys, to: runs))
            XCTAssertEqual(runs.runCount, run + 1, "add merged")
        }
        let all = SpillRuns.fanIn * perRun
        for key in stride(from: 0, to: all, by: 13) { XCTAssertTrue(find(UInt64(key), in: runs), "before, key \(key)") }
        runs.settle()
        XCTAssertEqual(runs.runCount, 1)
        XCTAssertEqual(runs.live, all)
        for key in 0..<all { XCTAssertTrue(find(UInt64(key), in: runs), "after, key \(key)") }
        XCTAssertFalse(find(UInt64(all), in: runs))
        var seen = Set<UInt64>()
        runs.forEach { seen.insert($0.load(fromByteOffset: 16, as: UInt64.self)) }
        XCTAssertEqual(seen, Set((0..<all).map(UInt64.init)))
    }

    /// Runs not yet due (the first more than twice the last) stay apart.
    func testSettleLeavesRunsNotDue() {
        let runs = SpillRuns(recordSize: size, compactFrom: .max)
        XCTAssertTrue(add((0..<1_000).map(UInt64.init), to: runs))
        for run in 1..<SpillRuns.fanIn {
            XCTAssertTrue(add((0..<100).map { UInt64(1_000 * run + $0) }, to: runs))
        }
        runs.settle()
        XCTAssertEqual(runs.runCount, SpillRuns.fanIn)
    }

    /// Through a table: spilled entries are merged as they were when `add`
    /// merged them (some 3 runs for each power of four of entries / bound),
    /// and every entry is found.
    func testTableSettlesAfterEachSpill() {
        var table = CompactTable<Int, Int>(spillFrom: 50)
        for key in 0..<5_000 { table[key] = key * 3 }
        XCTAssertGreaterThan(table.spilled, 4_900)
        // 100 runs of 50 would be 100 without merging; merged, some 3 a
        // power of four of 100: at most 3 * 4.
        XCTAssertLessThanOrEqual(table.spilledRuns, 12)
        for key in 0..<5_000 { XCTAssertEqual(table[key], key * 3, "key \(key)") }
    }
}
