import XCTest

@testable import ForkExplainCore

/// An incident lists each pid, name and process once, in log order
/// (`FirstSeen`): a storm of a million short-lived processes must not make
/// that quadratic (issue #8, "The reader survives any input").
final class FirstSeenTests: XCTestCase {
    /// A value that counts how often it is compared for equality.
    private struct Counted: Hashable, Sendable {
        nonisolated(unsafe) static var comparisons = 0
        var id: Int

        static func == (lhs: Counted, rhs: Counted) -> Bool {
            comparisons += 1
            return lhs.id == rhs.id
        }

        func hash(into hasher: inout Hasher) { hasher.combine(id) }
    }

    func testValuesComeInLogOrderWhateverOrderTheyAreAddedIn() {
        var seen = FirstSeen<String>()
        seen.add("b", at: 5)
        seen.add("a", at: 3)
        seen.add("c", at: 5)
        seen.add(nil, at: 0)
        seen.add("b", at: 1)
        seen.add("a", at: 9)
        XCTAssertEqual(seen.values, ["b", "a", "c"], "b moved to its earlier place; a kept its first")

        var tied = FirstSeen<String>()
        tied.add("x", at: 2)
        tied.add("y", at: 2)
        tied.add("x", at: 2)
        XCTAssertEqual(tied.values, ["x", "y"], "values of one record keep the order they were added in")
    }

    /// Before: each new value was searched for in a list of all the values
    /// seen (3,000 values, about 4.5 million comparisons; a log of 10^6
    /// distinct processes never finished).
    func testManyDistinctValuesCostAboutOneLookupEach() {
        var seen = FirstSeen<Counted>()
        Counted.comparisons = 0
        for id in 0..<3000 { seen.add(Counted(id: id), at: 3000 - id) }
        for id in 0..<3000 { seen.add(Counted(id: id), at: 5000) }
        XCTAssertLessThan(Counted.comparisons, 30_000, "\(Counted.comparisons) comparisons for 3,000 values")
        let values = seen.values
        XCTAssertEqual(values.count, 3000)
        XCTAssertEqual(values.first?.id, 2999)
        XCTAssertEqual(values.last?.id, 0)
    }

    /// Keeping the first few (`keeping`), whatever order values come in
    /// and again: the first few of all of them, and how many there are.
    func testKeepingAFewGivesTheFirstOfAllAndTheirCount() {
        var random = SystemRandomNumberGenerator()
        for round in 0..<500 {
            var all = FirstSeen<Int>()
            var few = FirstSeen<Int>(keeping: 3)
            for _ in 0..<Int.random(in: 0..<40, using: &random) {
                let value = Int.random(in: 0..<12, using: &random)
                // Few records, so that many values share one.
                let sequence = Int.random(in: 0..<8, using: &random)
                all.add(value, at: sequence)
                few.add(value, at: sequence)
            }
            XCTAssertEqual(few.values, Array(all.values.prefix(3)), "round \(round)")
            XCTAssertEqual(few.count, all.values.count, "round \(round)")
            XCTAssertEqual(all.count, all.values.count)
        }
    }

    /// A value behind the kept ones comes in when it is seen earlier, and
    /// the latest kept one goes behind; seen again later, it stays out.
    func testAValueSeenEarlierComesInAndTheLatestGoesBehind() {
        var few = FirstSeen<String>(keeping: 2)
        few.add("a", at: 1)
        few.add("b", at: 2)
        few.add("c", at: 3)
        few.add("c", at: 9)
        XCTAssertEqual(few.values, ["a", "b"])
        few.add("c", at: 2)
        XCTAssertEqual(few.values, ["a", "b"], "at b's record, after b: behind it")
        few.add("c", at: 0)
        XCTAssertEqual(few.values, ["c", "a"])
        few.add("b", at: 5)
        XCTAssertEqual(few.values, ["c", "a"])
        XCTAssertEqual(few.count, 3)
    }
}
