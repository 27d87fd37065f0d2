import XCTest

@testable import ForkExplainCore

#if canImport(Glibc)
    import Glibc
#endif

/// `RunFilter`: never "absent" for a hash added; its false positives (a
/// read of the file each) at or under the 0.51 % of the filter it replaced,
/// in 12 bits a record (docs/performance.md, "The report's last
/// megabytes: the runs' filters"); and `SpillRuns` lets a merge's inputs'
/// filters go, and makes them again when the merge cannot be written.
final class RunFilterTests: XCTestCase {
    private func filter(of hashes: [UInt64]) -> RunFilter {
        var filter = RunFilter(expected: hashes.count)
        for hash in hashes { filter.insert(hash) }
        return filter
    }

    /// Every hash added is said to be there: random ones, and ones that
    /// differ only in few bits (pids, multiples of 2^32, all bits but one).
    func testNoHashAddedIsSaidAbsent() {
        var numbers = SplitMix(seed: 1)
        for count in [1, 2, 7, 64, 65, 1_000, 2_048, 50_000] {
            let hashes = (0..<count).map { _ in numbers.next() }
            let made = filter(of: hashes)
            for hash in hashes { XCTAssertTrue(made.mayHold(hash), "\(count) random hashes: \(hash)") }
        }
        let narrow: [[UInt64]] = [
            (0..<10_000).map(UInt64.init),
            (0..<10_000).map { UInt64($0) << 32 },
            (0..<64).map { ~(UInt64(1) << $0) },
            [0, .max],
        ]
        for hashes in narrow {
            let made = filter(of: hashes)
            for hash in hashes { XCTAssertTrue(made.mayHold(hash), "\(hash) of \(hashes.count)") }
        }
    }

    /// 12 bits a record (to the block), and false positives under 0.6 %
    /// for random hashes and for consecutive ones (0.42 % expected).
    func testFalsePositivesAndSize() {
        var numbers = SplitMix(seed: 7)
        for count in [2_048, 8_192, 40_000] {
            let hashes = (0..<count).map { _ in numbers.next() }
            let made = filter(of: hashes)
            XCTAssertLessThanOrEqual(made.bytes * 8, count * RunFilter.bitsPerRecord + 512)
            XCTAssertGreaterThanOrEqual(made.bytes * 8, count * RunFilter.bitsPerRecord)
            let added = Set(hashes)
            var asked = 0
            var positives = 0
            while asked < 200_000 {
                let other = numbers.next()
                guard !added.contains(other) else { continue }
                asked += 1
                if made.mayHold(other) { positives += 1 }
            }
            XCTAssertLessThan(Double(positives) / Double(asked), 0.006, "\(count) records: \(positives) of \(asked)")
        }
        let consecutive = filter(of: (0..<8_192).map(UInt64.init))
        let positives = (8_192..<208_192).filter { consecutive.mayHold(UInt64($0)) }.count
        XCTAssertLessThan(Double(positives) / 200_000, 0.006, "consecutive: \(positives)")
    }

    /// A filter let go of says "may hold" for any hash: a lookup through
    /// it reads the file rather than miss.
    func testAReleasedFilterHoldsEverything() {
        var numbers = SplitMix(seed: 3)
        for _ in 0..<1_000 { XCTAssertTrue(RunFilter.released.mayHold(numbers.next())) }
        XCTAssertEqual(RunFilter.released.bytes, 0)
    }

    private let size = 24

    private func add(_ keys: [UInt64], to runs: SpillRuns) -> Bool { runs.add(keys: keys) }

    private func find(_ key: UInt64, in runs: SpillRuns) -> Bool { runs.holds(key: key) }

    /// Four runs merged: one filter of the merged records stays, each key
    /// found through it, the inputs' gone.
    func testAMergeKeepsOneFilter() {
        let runs = SpillRuns(recordSize: size, compactFrom: .max)
        for run in 0..<SpillRuns.fanIn { XCTAssertTrue(add((0..<500).map { UInt64(run * 500 + $0) }, to: runs)) }
        XCTAssertEqual(runs.filterBytes, SpillRuns.fanIn * RunFilter(expected: 500).bytes)
        runs.settle()
        XCTAssertEqual(runs.runCount, 1)
        XCTAssertEqual(runs.filterBytes, RunFilter(expected: 2_000).bytes)
        for key in 0..<2_000 { XCTAssertTrue(find(UInt64(key), in: runs), "key \(key)") }
    }

    /// A merge the file cannot take (RLIMIT_FSIZE at its size): the runs
    /// stand as they were, their filters made again, each key found and
    /// the file read for few of those not added.
    func testAMergeNotWrittenGetsItsFiltersBack() throws {
        let runs = SpillRuns(recordSize: size, compactFrom: .max)
        for run in 0..<SpillRuns.fanIn { XCTAssertTrue(add((0..<500).map { UInt64(run * 500 + $0) }, to: runs)) }
        let before = runs.filterBytes
        runs.settle(fileLimit: runs.fileBytes)
        XCTAssertEqual(runs.runCount, SpillRuns.fanIn, "merged past the file's limit")
        XCTAssertEqual(runs.filterBytes, before, "filters not made again")
        for key in 0..<2_000 { XCTAssertTrue(find(UInt64(key), in: runs), "key \(key)") }
        for key in 2_000..<2_100 { XCTAssertFalse(find(UInt64(key), in: runs), "key \(key)") }
    }
}
