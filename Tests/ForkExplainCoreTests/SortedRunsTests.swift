import XCTest

@testable import ForkExplainCore

/// `SortedRuns` hands a JSON report's counted events on in log order at the
/// end of its log: whatever order they come in, each must come out once,
/// in the order of its key, whether its run is on disk or in memory.
final class SortedRunsTests: XCTestCase {
    func testPlainEntriesComeOutInOrderFromRunsOnDisk() {
        var generator = SystemRandomNumberGenerator()
        // `CountedEvent`, what a JSON report sorts: plain bytes, to the file.
        // Lengths that end a run on a block's edge, within one and alone.
        for (count, runLength, block) in [
            (0, 7, 3), (1, 7, 3), (6, 7, 3), (7, 7, 3), (1_000, 7, 3), (5_000, 64, 16), (3_001, 500, 64),
        ] {
            var runs = SortedRuns<CountedEvent, Int>(runLength: runLength, block: block) { $0.sequence }
            var added: [CountedEvent] = []
            for id in 0..<count {
                // Keys repeat (few of them), or are spread wide, negative too.
                let key =
                    id % 2 == 0
                    ? Int.random(in: -50...50, using: &generator) : Int.random(in: Int.min...Int.max, using: &generator)
                var entry = CountedEvent(
                    sequence: key, count: id, lastDate: Date(timeIntervalSinceReferenceDate: Double(id) / 3))
                entry.incident = Int32(id % 7)
                entry.waiting = -Int32(id)
                runs.add(entry)
                added.append(entry)
            }
            // Each full run to the file as it fills, the rest in memory.
            XCTAssertEqual(runs.runsOnDisk, count / runLength, "\(count)")
            var out: [CountedEvent] = []
            while let peeked = runs.peek() {
                let taken = runs.next()
                XCTAssertEqual(taken?.count, peeked.count)
                if let taken { out.append(taken) }
            }
            XCTAssertNil(runs.next())
            XCTAssertEqual(
                out.map(\.sequence), added.map(\.sequence).sorted(), "\(count) entries, runs of \(runLength)")
            // Each once, whole: `count` is its number here.
            XCTAssertEqual(
                out.sorted { $0.count < $1.count }.map { [$0.sequence, $0.count, Int($0.incident), Int($0.waiting)] },
                added.map { [$0.sequence, $0.count, Int($0.incident), Int($0.waiting)] })
            XCTAssertEqual(out.sorted { $0.count < $1.count }.map(\.lastDate), added.map(\.lastDate))
        }
    }

    /// Entries that hold references cannot be written as bytes: every run
    /// stays in memory, in order all the same.
    func testEntriesWithReferencesStayInMemoryInOrder() {
        var runs = SortedRuns<String, Int>(runLength: 5, block: 2) { Int($0) ?? 0 }
        let keys = (0..<23).map { ($0 * 37) % 23 }
        for key in keys { runs.add(String(key)) }
        XCTAssertEqual(runs.runsOnDisk, 0)
        var out: [String] = []
        while let next = runs.next() { out.append(next) }
        XCTAssertEqual(out, (0..<23).map(String.init))
    }
}
