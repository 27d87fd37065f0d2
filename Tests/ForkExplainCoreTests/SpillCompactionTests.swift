import Foundation
import XCTest

@testable import ForkExplainCore

/// A table's spill file is compacted (`SpillRuns.compactIfMostlyDead`;
/// docs/performance.md, "Held events: the spill file compacted"): after
/// each change the file is at most twice its standing records, or at most
/// `spillFrom` records, and compacting keeps every entry, in copies too.
/// Each test checks compaction happened, so none passes without it.
final class SpillCompactionTests: XCTestCase {
    private struct Entry: Equatable, Sendable {
        var sequence: Int
        var count: Int32
    }

    /// The rule's bound: twice the standing records, or `spillFrom` records.
    private func bound<Key, Value>(_ table: CompactTable<Key, Value>) -> Int {
        max(table.spillFrom * table.spillRecordSize, 2 * table.spilled * table.spillRecordSize)
    }

    /// 100,000 keys added once each (a log of many processes): every merge
    /// leaves its runs behind, some 3–4 times the standing records in all
    /// without compaction; here the file stays within the bound at each step.
    func testManyMergesLeaveTheFileWithinTwiceItsRecords() {
        var table = CompactTable<PidKey, Entry>(spillFrom: 1_000)
        var largest = 0
        for pid in 0..<100_000 {
            XCTAssertNil(table.insertIfAbsent(Entry(sequence: pid, count: 1), for: PidKey(names: 0, pid: pid)))
            largest = max(largest, table.spillFileBytes)
            if table.spillFileBytes > bound(table) {
                XCTFail("\(table.spillFileBytes) bytes of file for \(table.spilled) records at pid \(pid)")
                break
            }
        }
        XCTAssertGreaterThan(table.spillCompactions, 0)
        XCTAssertGreaterThanOrEqual(table.spilled, 99_000)
        XCTAssertLessThanOrEqual(largest, 2 * 100_000 * table.spillRecordSize)
        for pid in stride(from: 0, to: 100_000, by: 7) {
            XCTAssertEqual(table[PidKey(names: 0, pid: pid)], Entry(sequence: pid, count: 1), "pid \(pid)")
        }
    }

    /// Entries taken back from the file (changed, or let go of) leave dead
    /// records; once most are gone, so is most of the file, and all of it
    /// with the last one.
    func testEntriesTakenBackShrinkTheFile() {
        var table = CompactTable<Int, Int>(spillFrom: 100)
        for key in 0..<20_000 { table[key] = key }
        let full = table.spillFileBytes
        XCTAssertGreaterThan(table.spilled, 19_000)
        for key in 0..<20_000 where key % 50 != 0 {
            table[key] = nil
            XCTAssertLessThanOrEqual(table.spillFileBytes, bound(table), "after \(key)")
        }
        XCTAssertGreaterThan(table.spillCompactions, 0)
        XCTAssertLessThan(table.spillFileBytes * 10, full, "a tenth of the file or less stays")
        for key in 0..<20_000 { XCTAssertEqual(table[key], key % 50 == 0 ? key : nil, "key \(key)") }
        for key in stride(from: 0, to: 20_000, by: 50) { table[key] = nil }
        XCTAssertEqual(table.count, 0)
        XCTAssertLessThanOrEqual(table.spillFileBytes, 100 * table.spillRecordSize)
    }

    /// Random changes to a few tables, some copies of others (sharing a
    /// file until one changes), against a dictionary each: every answer,
    /// every entry at the end, and the bound after every change.
    func testCompactedTablesAndTheirCopiesAgreeWithDictionaries() {
        var compactions = 0
        var copiesOfCompacted = 0
        for seed in UInt64(1)...24 {
            var generator = SplitMix(seed: 0xc0_4ac7 &+ seed)
            let bound = 4 + Int(generator.next() % 60)
            let range = 500 + Int(generator.next() % 3_000)
            var tables = [CompactTable<Int, Entry>(spillFrom: bound)]
            var models: [[Int: Entry]] = [[:]]
            for step in 0..<8_000 {
                let which = Int(generator.next() % UInt64(tables.count))
                let key = Int(generator.next() % UInt64(range))
                let entry = Entry(sequence: step, count: Int32(step % 100))
                let expected = models[which][key]
                let before = tables[which].spillCompactions
                switch generator.next() % 300 {
                case 0:
                    // A copy, of a table past compaction or not, beside or
                    // in place of another.
                    if tables[which].spillCompactions > 0 { copiesOfCompacted += 1 }
                    if tables.count < 4 {
                        tables.append(tables[which])
                        models.append(models[which])
                    } else {
                        let other = Int(generator.next() % UInt64(tables.count))
                        tables[other] = tables[which]
                        models[other] = models[which]
                    }
                case let operation where operation % 15 < 3:
                    XCTAssertEqual(tables[which].insertIfAbsent(entry, for: key), expected, "seed \(seed) step \(step)")
                    models[which][key] = expected ?? entry
                case let operation where operation % 15 < 6:
                    tables[which][key] = entry
                    models[which][key] = entry
                case let operation where operation % 15 < 8:
                    XCTAssertEqual(tables[which].modify(key) { $0.count += 1 }, expected != nil)
                    models[which][key]?.count += 1
                case let operation where operation % 15 < 9:
                    if expected == nil {
                        tables[which].insertNew(entry, for: key)
                        models[which][key] = entry
                    }
                default:
                    XCTAssertEqual(tables[which].removeValue(forKey: key), expected, "seed \(seed) step \(step)")
                    models[which][key] = nil
                }
                XCTAssertEqual(tables[which][key], models[which][key], "seed \(seed) key \(key) step \(step)")
                XCTAssertEqual(tables[which].count, models[which].count, "seed \(seed) step \(step)")
                XCTAssertLessThanOrEqual(
                    tables[which].spillFileBytes, self.bound(tables[which]), "seed \(seed) step \(step)")
                // A change may have given the table a file of its own.
                let after = tables[which].spillCompactions
                compactions += after >= before ? after - before : after
            }
            for (table, model) in zip(tables, models) {
                var seen: [Int: Entry] = [:]
                table.forEach { key, value in
                    XCTAssertNil(seen[key], "seed \(seed): \(key) once")
                    seen[key] = value
                }
                XCTAssertEqual(seen, model, "seed \(seed)")
            }
        }
        XCTAssertGreaterThan(compactions, 100, "the files were compacted")
        XCTAssertGreaterThan(copiesOfCompacted, 50, "copies were taken of compacted tables")
    }

    /// A copy shares the file; the original compacting its own afterwards
    /// leaves the copy's entries, and the copy changed after it keeps the
    /// original's.
    func testACopyKeepsItsEntriesWhileTheOriginalCompacts() {
        var table = CompactTable<Int, Int>(spillFrom: 16)
        for key in 0..<4_000 { table[key] = key }
        for key in 0..<4_000 where key % 4 != 0 { table[key] = nil }
        XCTAssertGreaterThan(table.spillCompactions, 0)
        var copy = table
        for key in 4_000..<12_000 { table[key] = -key }
        for key in stride(from: 0, to: 4_000, by: 8) { table[key] = nil }
        XCTAssertGreaterThan(table.spillCompactions, 0, "the original's own file, made at its first change, compacted")
        for key in 0..<4_000 { XCTAssertEqual(copy[key], key % 4 == 0 ? key : nil, "the copy's \(key)") }
        for key in stride(from: 0, to: 4_000, by: 4) { copy.modify(key) { $0 += 1 } }
        for key in 0..<12_000 {
            let original = key >= 4_000 ? -key : (key % 8 == 4 ? key : nil)
            XCTAssertEqual(table[key], original, "the original's \(key)")
            XCTAssertEqual(copy[key], key < 4_000 && key % 4 == 0 ? key + 1 : nil, "the copy's \(key) changed")
        }
        XCTAssertLessThanOrEqual(copy.spillFileBytes, bound(copy))
        XCTAssertLessThanOrEqual(table.spillFileBytes, bound(table))
    }

    /// $TMPDIR gone once the file is made: no fresh file can be made, so
    /// the old one stays whole (compaction stops; nothing is lost, no stop).
    func testAFreshFileThatCannotBeMadeLeavesTheOldOne() throws {
        let directory = NSTemporaryDirectory() + "forkexplain-compaction-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var table = CompactTable<Int, Int>(spillFrom: 16, directory: directory)
        for key in 0..<2_000 { table[key] = key }
        XCTAssertGreaterThan(table.spilled, 1_900)
        XCTAssertEqual(rmdir(directory), 0, "the file is unlinked: the directory is empty")
        let compacted = table.spillCompactions
        for key in 0..<2_000 where key % 10 != 0 { table[key] = nil }
        XCTAssertEqual(table.spillCompactions, compacted, "no fresh file")
        XCTAssertGreaterThan(table.spillFileBytes, bound(table), "compaction was due and gave up")
        for key in 0..<2_000 { XCTAssertEqual(table[key], key % 10 == 0 ? key : nil, "key \(key)") }
        for key in 2_000..<3_000 { table[key] = key }
        XCTAssertEqual(table.count, 1_200)
        XCTAssertEqual(table[2_500], 2_500)
        XCTAssertEqual(table[1_990], 1_990)
    }
}
