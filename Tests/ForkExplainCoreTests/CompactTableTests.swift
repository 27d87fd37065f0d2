import XCTest

@testable import ForkExplainCore

/// `CompactTable` holds what the report keeps of each process in place of
/// a dictionary: it must find, change and let go of exactly what one would,
/// whatever the order of adding and removing, including keys whose hashes
/// collide (runs of buckets that wrap around the end of its index).
final class CompactTableTests: XCTestCase {
    /// A key whose hash it shares with the 7 next to it (all of them, for
    /// 8 keys): long runs of taken buckets.
    private struct Crowded: Hashable, Sendable {
        var id: Int

        func hash(into hasher: inout Hasher) { hasher.combine(id / 8) }
    }

    func testAgreesWithADictionaryOverRandomAddsChangesAndRemovals() {
        var generator = SplitMix(seed: 0x5eed)
        // 30,000: past one chunk of its lists (`ChunkedArray`, 8,192 `Int`s).
        for range in [8, 40, 2_000, 30_000] {
            var table = CompactTable<Int, Int>()
            var crowded = CompactTable<Crowded, Int>()
            var expected: [Int: Int] = [:]
            for step in 0..<20_000 {
                let key = Int(generator.next() % UInt64(range))
                switch generator.next() % 3 {
                case 0:
                    XCTAssertEqual(table.insertIfAbsent(step, for: key), expected[key], "insertIfAbsent \(key)")
                    _ = crowded.insertIfAbsent(step, for: Crowded(id: key))
                    expected[key] = expected[key] ?? step
                case 1:
                    table[key] = step
                    crowded[Crowded(id: key)] = step
                    expected[key] = step
                default:
                    XCTAssertEqual(table.removeValue(forKey: key), expected[key], "removed \(key) at \(step)")
                    crowded[Crowded(id: key)] = nil
                    expected[key] = nil
                }
                XCTAssertEqual(table.count, expected.count)
                XCTAssertEqual(crowded.count, expected.count)
            }
            for key in 0..<range {
                XCTAssertEqual(table[key], expected[key], "key \(key) of \(range)")
                XCTAssertEqual(crowded[Crowded(id: key)], expected[key], "crowded key \(key) of \(range)")
            }
            let odd = Set(table.keys { _, value in value % 2 == 1 })
            XCTAssertEqual(odd, Set(expected.filter { $0.value % 2 == 1 }.keys))
        }
    }

    func testChangedInPlaceThroughItsOptionalAndCopiedByValue() {
        var table = CompactTable<String, Int>()
        table["a"] = 1
        table["a"]? += 5
        table["b"]? += 5
        XCTAssertEqual(table["a"], 6)
        XCTAssertNil(table["b"], "changing a missing entry adds none")
        let copy = table
        table["a"] = nil
        XCTAssertEqual(copy["a"], 6, "a copy keeps its entries")
        XCTAssertTrue(table.isEmpty)
        table.removeAll()
        table["c"] = 3
        XCTAssertEqual(table["c"], 3, "usable again after removeAll")
    }

    func testASetOfValues() {
        var set = CompactTable<Int, Void>()
        for value in 0..<1_000 { set.insert(value % 700) }
        XCTAssertEqual(set.count, 700)
        set.remove(5)
        set.remove(5)
        XCTAssertFalse(set.contains(5))
        XCTAssertTrue(set.contains(699))
        XCTAssertEqual(set.count, 699)
    }
}
