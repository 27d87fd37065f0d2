import Foundation
import XCTest

@testable import ForkExplainCore

#if canImport(Glibc)
    import Glibc
#endif

/// A compaction writes each run it does not merge with the filter that run
/// had (its standing records are some of those the filter was made of),
/// not with a new one beside the old; the runs it merges let their filters
/// go first, as a merge's do (docs/performance.md, "The report's last
/// megabytes: the compaction's filters"). A compaction or merge the file
/// cannot take loses no record.
final class SpillKeptFilterTests: XCTestCase {
    private let size = 24

    /// Four runs of 500 keys each (0..<2,000), not yet merged; the keys
    /// `gone` says of let go of (no compaction is due after them).
    private func fourRuns(directory: String? = nil, gone: (UInt64) -> Bool) -> SpillRuns {
        let runs = SpillRuns(recordSize: size, directory: directory, compactFrom: 1)
        for run in 0..<SpillRuns.fanIn { XCTAssertTrue(runs.add(keys: (0..<500).map { UInt64(run * 500 + $0) })) }
        for key in UInt64(0)..<2_000 where gone(key) { XCTAssertTrue(runs.take(key: key), "key \(key)") }
        XCTAssertEqual(runs.compactions, 0)
        XCTAssertEqual(runs.runCount, SpillRuns.fanIn)
        return runs
    }

    /// Each of 0..<2,100 found when `standing` says it stands, not otherwise.
    private func check(
        _ runs: SpillRuns, standing: (UInt64) -> Bool, file: StaticString = #filePath, line: UInt = #line
    ) {
        for key in UInt64(0)..<2_100 {
            XCTAssertEqual(runs.holds(key: key), key < 2_000 && standing(key), "key \(key)", file: file, line: line)
        }
    }

    /// Two runs; a seventh of the larger's keys let go of: the file is
    /// compacted (its inputs' records were dead already) and each run keeps
    /// the filter it had (a new one would be smaller: made for the records
    /// standing). Then most of the larger's let go of: at the next
    /// compaction its filter, past twice what it needs, is made again
    /// (for the records standing then), the smaller's kept.
    func testACompactionKeepsTheFiltersOfRunsItDoesNotMerge() {
        let runs = fourRuns { _ in false }
        runs.settle()
        XCTAssertEqual(runs.runCount, 1)
        XCTAssertTrue(runs.add(keys: (2_000..<2_500).map { UInt64($0) }))
        runs.settle()
        XCTAssertEqual(runs.runCount, 2)
        let small = RunFilter(expected: 500).bytes
        let filters = RunFilter(expected: 2_000).bytes + small
        XCTAssertEqual(runs.filterBytes, filters)
        for key in UInt64(0)..<2_000 where key % 7 == 0 { XCTAssertTrue(runs.take(key: key), "key \(key)") }
        XCTAssertEqual(runs.compactions, 1)
        XCTAssertEqual(runs.filterBytes, filters, "filters made again at a compaction")
        for key in UInt64(0)..<2_600 {
            XCTAssertEqual(runs.holds(key: key), key < 2_000 ? key % 7 != 0 : key < 2_500, "key \(key)")
        }
        for key in UInt64(0)..<2_000 where key % 7 != 0 && key % 5 != 0 {
            XCTAssertTrue(runs.take(key: key), "key \(key)")
        }
        XCTAssertEqual(runs.compactions, 2)
        let standing = (0..<2_000).filter { $0 % 7 != 0 && $0 % 5 == 0 }.count
        XCTAssertLessThan(runs.filterBytes, filters, "the larger's filter kept")
        XCTAssertGreaterThanOrEqual(runs.filterBytes, RunFilter(expected: standing).bytes + small)
        for key in UInt64(0)..<2_600 {
            XCTAssertEqual(
                runs.holds(key: key), key < 2_000 ? key % 7 != 0 && key % 5 == 0 : key < 2_500, "key \(key)")
        }
    }

    /// A merge due when most of the file is dead is made in a compaction's
    /// fresh file; that file cannot be made ($TMPDIR gone): the merge is
    /// made in the old file, every standing key found, none let go of.
    func testAMergeWhoseCompactionCannotBeMadeLosesNothing() throws {
        let directory = NSTemporaryDirectory() + "forkexplain-kept-filter-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let gone: (UInt64) -> Bool = { $0 % 20 < 9 }
        let runs = fourRuns(directory: directory, gone: gone)
        XCTAssertEqual(rmdir(directory), 0, "the file is unlinked: the directory is empty")
        runs.settle()
        XCTAssertEqual(runs.compactions, 0, "no fresh file")
        XCTAssertEqual(runs.runCount, 1)
        XCTAssertEqual(runs.filterBytes, RunFilter(expected: 1_100).bytes)
        check(runs, standing: { !gone($0) })
    }

    /// The same merge, neither the fresh file nor the old one able to take
    /// it (RLIMIT_FSIZE under both): the four runs stand with their
    /// filters made again, every standing key found, none let go of.
    func testAMergeNeitherFileTakesKeepsTheRunsAndTheirFilters() {
        let gone: (UInt64) -> Bool = { $0 % 20 < 9 }
        let runs = fourRuns(gone: gone)
        let before = runs.filterBytes
        runs.settle(fileLimit: 100 * size)
        XCTAssertEqual(runs.compactions, 0)
        XCTAssertEqual(runs.runCount, SpillRuns.fanIn, "merged past the file's limit")
        XCTAssertEqual(runs.filterBytes, before, "filters not made again")
        check(runs, standing: { !gone($0) })
    }
}
