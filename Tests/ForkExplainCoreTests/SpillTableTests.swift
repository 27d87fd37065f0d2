import Foundation
import XCTest

@testable import ForkExplainCore

/// A table or list of processes past its bound goes to a file
/// (`SpillRuns`, `SpillingList`; docs/performance.md, "Held events: the
/// tables of each process on disk"): it must find, change and let go of
/// exactly what one held in memory would, its entries on disk included.
/// Each test forces the file with a tiny bound and checks it was used, so
/// that none passes with everything in memory.
final class SpillTableTests: XCTestCase {
    /// A key whose hash it shares with the 7 next to it: records of one
    /// hash on disk, across the blocks of a run.
    private struct Crowded: Hashable, Sendable {
        var id: Int

        func hash(into hasher: inout Hasher) { hasher.combine(id / 8) }
    }

    private struct Entry: Equatable, Sendable {
        var sequence: Int
        var count: Int32
    }

    func testASpilledTableAgreesWithADictionary() {
        var generator = SplitMix(seed: 0xd15c)
        for (range, bound) in [(40, 3), (2_000, 16), (20_000, 700)] {
            var table = CompactTable<Int, Entry>(spillFrom: bound)
            var crowded = CompactTable<Crowded, Entry>(spillFrom: bound)
            var expected: [Int: Entry] = [:]
            var mostRuns = 0
            var mostSpilled = 0
            for step in 0..<20_000 {
                let key = Int(generator.next() % UInt64(range))
                let entry = Entry(sequence: step, count: Int32(step % 1_000))
                switch generator.next() % 5 {
                case 0:
                    XCTAssertEqual(table.insertIfAbsent(entry, for: key), expected[key], "insertIfAbsent \(key)")
                    XCTAssertEqual(crowded.insertIfAbsent(entry, for: Crowded(id: key)), expected[key])
                    expected[key] = expected[key] ?? entry
                case 1, 2:
                    table[key] = entry
                    crowded[Crowded(id: key)] = entry
                    expected[key] = entry
                case 3:
                    let changed = table.modify(key) { $0.count += 1 }
                    XCTAssertEqual(crowded.modify(Crowded(id: key)) { $0.count += 1 }, changed)
                    XCTAssertEqual(changed, expected[key] != nil, "modify \(key)")
                    expected[key]?.count += 1
                default:
                    XCTAssertEqual(table.removeValue(forKey: key), expected[key], "removed \(key) at \(step)")
                    XCTAssertEqual(crowded.removeValue(forKey: Crowded(id: key)), expected[key])
                    expected[key] = nil
                }
                XCTAssertEqual(table[key], expected[key], "key \(key) at \(step)")
                XCTAssertEqual(crowded[Crowded(id: key)], expected[key], "crowded \(key) at \(step)")
                XCTAssertEqual(table.count, expected.count)
                XCTAssertEqual(crowded.count, expected.count)
                mostRuns = max(mostRuns, table.spilledRuns, crowded.spilledRuns)
                mostSpilled = max(mostSpilled, table.spilled, crowded.spilled)
            }
            XCTAssertGreaterThan(mostSpilled, min(range, 10 * bound) / 2, "the file held entries (range \(range))")
            XCTAssertGreaterThan(mostRuns, 0)
            var seen: [Int: Entry] = [:]
            table.forEach { key, value in
                XCTAssertNil(seen[key], "\(key) once")
                seen[key] = value
            }
            XCTAssertEqual(seen, expected)
            XCTAssertEqual(Dictionary(uniqueKeysWithValues: crowded.entries.map { ($0.key.id, $0.value) }), expected)
            XCTAssertEqual(
                Set(table.keys { _, value in value.count % 2 == 0 }),
                Set(expected.filter { $0.value.count % 2 == 0 }.keys))
        }
    }

    /// 100,000 keys added once each (a log of many processes): memory holds
    /// the bound, the runs merge to a few, and every key is found.
    func testManyKeysStayOnAFewRuns() {
        var table = CompactTable<PidKey, Entry>(spillFrom: 1_000)
        for pid in 0..<100_000 {
            XCTAssertNil(table.insertIfAbsent(Entry(sequence: pid, count: 1), for: PidKey(names: 0, pid: pid)))
        }
        XCTAssertEqual(table.count, 100_000)
        XCTAssertGreaterThanOrEqual(table.spilled, 99_000)
        XCTAssertLessThanOrEqual(table.spilledRuns, 17, "some 3 a power of four of the runs made, not one a spill")
        for pid in stride(from: 0, to: 100_000, by: 7) {
            XCTAssertEqual(table[PidKey(names: 0, pid: pid)], Entry(sequence: pid, count: 1), "pid \(pid)")
        }
        XCTAssertNil(table[PidKey(names: 1, pid: 5)])
        XCTAssertNil(table[PidKey(names: 0, pid: nil)])
    }

    /// A copy is a table of its own, on disk too.
    func testACopyOfASpilledTableKeepsItsEntries() {
        var table = CompactTable<Int, Int>(spillFrom: 4)
        for key in 0..<50 { table[key] = key }
        XCTAssertGreaterThan(table.spilled, 40)
        var copy = table
        for key in 0..<50 where key % 2 == 0 { copy[key] = nil }
        copy.modify(1) { $0 = -1 }
        for key in 0..<50 { XCTAssertEqual(table[key], key, "the original keeps \(key)") }
        XCTAssertEqual(copy.count, 25)
        XCTAssertEqual(copy[1], -1)
        XCTAssertEqual(copy[3], 3)
        table[3] = nil
        XCTAssertEqual(copy[3], 3, "the copy keeps what the original let go of")
    }

    /// A copy taken after entries were let go of on disk: the copy's file
    /// holds only the standing ones, so the places found in the shared
    /// file are not the copy's, and the entry let go of in the copy must
    /// be the one asked for, each other entry kept.
    func testACopyAfterEntriesLeftTheFileLetsGoOfTheRightOne() {
        var table = CompactTable<Int, Int>(spillFrom: 4)
        var expected: [Int: Int] = [:]
        for key in 0..<200 {
            table[key] = key
            expected[key] = key
        }
        XCTAssertGreaterThan(table.spilled, 150)
        for key in stride(from: 0, to: 200, by: 3) {
            table[key] = nil
            expected[key] = nil
        }
        let original = expected
        var copy = table
        var copied = expected
        for key in stride(from: 1, to: 200, by: 3) {
            XCTAssertEqual(copy.removeValue(forKey: key), key, "the copy gives back \(key)")
            copied[key] = nil
        }
        copy.modify(2) { $0 = -2 }
        copied[2] = -2
        for key in 0..<200 {
            XCTAssertEqual(copy[key], copied[key], "the copy's \(key)")
            XCTAssertEqual(table[key], original[key], "the original's \(key)")
        }
        XCTAssertEqual(copy.count, copied.count)
        XCTAssertEqual(table.count, original.count)
    }

    /// A key or value with a reference never goes to the file.
    func testATableOfStringsStaysInMemory() {
        var table = CompactTable<String, Int>(spillFrom: 2)
        for key in 0..<100 { table["\(key)"] = key }
        XCTAssertEqual(table.spilled, 0)
        XCTAssertEqual(table.count, 100)
        XCTAssertEqual(table["42"], 42)
    }

    func testASpillingListAgreesWithAnArray() {
        var generator = SplitMix(seed: 0x1157)
        var list = SpillingList<Entry>(kept: 1)
        var expected: [Entry] = []
        let size = SpillingList<Entry>.chunkSize
        for step in 0..<(size * 6 + 17) {
            list.append(Entry(sequence: step, count: 0))
            expected.append(Entry(sequence: step, count: 0))
            let at = Int(generator.next() % UInt64(expected.count))
            list.modify(at: at) { $0.count += 1 }
            expected[at].count += 1
            let other = Int(generator.next() % UInt64(expected.count))
            XCTAssertEqual(list[other], expected[other], "at \(other), step \(step)")
        }
        XCTAssertEqual(list.spilledChunks, 5, "all but the last full chunk and the one being filled")
        XCTAssertEqual(list.count, expected.count)
        for index in expected.indices { XCTAssertEqual(list[index], expected[index]) }
        var copy = list
        copy[3] = Entry(sequence: -1, count: -1)
        XCTAssertEqual(list[3], expected[3], "a copy is a list of its own")
        XCTAssertEqual(copy[3], Entry(sequence: -1, count: -1))
    }

    /// 20,000 processes (past twice every table's bound, `SpillRuns.memoryBound`) failing once,
    /// a third of them twice, each joined by a tally after all the
    /// failures: each process's count found on disk and changed there, the
    /// incident's 20,000 pids in log order, and text's counts.
    func testAReportOfManyProcessesCountsFromDisk() throws {
        let base = try Fixture.record("cgroup-pids-parent.jsonl")
        let pids = 200_000..<220_000
        XCTAssertGreaterThan(pids.count, 2 * SpillRuns.memoryBound)
        var records: [LogRecord] = []
        func record(_ pid: Int, _ type: RecordType, _ suppressed: Int) -> LogRecord {
            var record = base
            record.type = type
            record.process?.pid = pid
            record.process?.tid = pid
            record.call?.suppressed = suppressed
            return record
        }
        for pid in pids { records.append(record(pid, .failure, 0)) }
        for pid in pids where pid % 3 == 0 { records.append(record(pid, .failure, 0)) }
        for pid in pids { records.append(record(pid, .tally, pid % 5)) }
        let twice = pids.filter { $0 % 3 == 0 }.count
        let failures = pids.count + twice + pids.reduce(0) { $0 + $1 % 5 }

        var text: [UInt8] = []
        var writer = JSONReportWriter { text.append(contentsOf: $0) }
        let classifier = Classifier()
        var stream = ReportStream(filter: EventFilter(), classifier: classifier) { try writer.event($0) }
        for record in records {
            try stream.add(record, classified: EventBuilder.classified(record, by: classifier)?.compactForJSON())
        }
        let incidents = try stream.finish()
        XCTAssertEqual(incidents.count, 1)
        XCTAssertEqual(incidents.first?.count, failures)
        XCTAssertEqual(incidents.first?.pids, Array(pids))
        try writer.finish(Report(events: [], incidents: incidents, files: [], totals: stream.totals))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text)) as? [String: Any])
        let events = try XCTUnwrap(object["events"] as? [[String: Any]])
        XCTAssertEqual(events.count, pids.count + twice)
        var seen: [Int: Int] = [:]
        for event in events {
            let pid = try XCTUnwrap(event["pid"] as? Int)
            seen[pid, default: 0] += 1
            let last = pid % 3 != 0 || seen[pid] == 2
            XCTAssertEqual(event["count"] as? Int, last ? 1 + pid % 5 : 1, "pid \(pid), event \(seen[pid] ?? 0)")
        }

        // Text counts at once: the tallies join counted events on disk.
        var shown = ReportStream(
            filter: EventFilter(), classifier: classifier, countsAtOnce: true, lists: HeldForm.text.lists
        ) {
            _, _ in
        }
        for record in records {
            try shown.add(
                record, classified: EventBuilder.classified(record, by: classifier)?.compactForText(quoting: false))
        }
        let counted = try shown.finish()
        XCTAssertEqual(counted.first?.count, failures)
        XCTAssertEqual(counted.first?.processCount, pids.count, "the processes past the first three, on disk")
        XCTAssertEqual(counted.first?.processes.count, Incident.shownProcesses)
        XCTAssertEqual(shown.totals.failures, failures)
    }
}
