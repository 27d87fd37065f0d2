import XCTest

@testable import ForkExplainCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A table's spill gives glibc's free room back when the report is near
/// its peak (`HeapRoom`; docs/performance.md, "The report's last
/// megabytes: the heaps' room given back near the peak"): the holes freed
/// in its heaps leave the resident size, and the table still finds every
/// entry, on disk or in memory.
final class SpillGiveBackTests: XCTestCase {
    func testASpillNearThePeakGivesTheHolesBack() throws {
        guard dlsym(nil, "malloc_trim") != nil else {
            throw XCTSkip("not glibc: no malloc_trim, no room given back")
        }
        let block = 64 << 10  // under glibc's mapping threshold: in a heap
        // A first spill takes what a process's first one does (its file,
        // its directory looked up): not in the figures below.
        var first = CompactTable<Int, Int>(spillFrom: 8)
        for key in 0..<12 { first[key] = key }
        XCTAssertEqual(first.spilledRuns, 1)
        // Blocks touched until the resident size is a new high-water mark,
        // then every other one freed: holes between blocks held, which only
        // a trim takes out of the resident size.
        var blocks: [UnsafeMutableRawPointer?] = []
        defer { blocks.forEach { free($0) } }
        func nearPeak() throws -> Bool {
            HeapRoom.worthIt(resident: try XCTUnwrap(HeapRoom.residentKiB()), peak: try XCTUnwrap(HeapRoom.peakKiB()))
        }
        while try blocks.count < 128 || !nearPeak() {
            guard blocks.count * block < 2 << 30 else {
                return XCTFail("2 GiB touched and the resident size still not near its peak")
            }
            let memory = try XCTUnwrap(malloc(block))
            memset(memory, 0x5a, block)
            blocks.append(memory)
        }
        // Of the last 128 blocks, every other one freed: 4 MiB of holes.
        var freed = 0
        for place in stride(from: blocks.count - 128, to: blocks.count, by: 2) {
            free(blocks[place])
            blocks[place] = nil
            freed += block
        }
        let before = try XCTUnwrap(HeapRoom.residentKiB())
        let given = HeapRoom.given
        var table = CompactTable<Int, Int>(spillFrom: 8)
        for key in 0..<12 { table[key] = key * 3 }
        XCTAssertEqual(table.spilledRuns, 1, "the table spilled once")
        let after = try XCTUnwrap(HeapRoom.residentKiB())
        XCTAssertGreaterThan(HeapRoom.given, given, "no trim after the spill")
        XCTAssertGreaterThan(
            before - after, freed / 1024 / 2, "the holes stayed resident: \(before) KiB, then \(after)")
        for key in 0..<12 { XCTAssertEqual(table[key], key * 3, "key \(key)") }
    }

    func testATrimIsWorthItOnlyNearThePeak() {
        XCTAssertTrue(HeapRoom.worthIt(resident: 30_000, peak: 30_000))
        XCTAssertTrue(HeapRoom.worthIt(resident: 30_000 - HeapRoom.nearPeak, peak: 30_000))
        XCTAssertFalse(HeapRoom.worthIt(resident: 30_000 - HeapRoom.nearPeak - 1, peak: 30_000))
    }
}
