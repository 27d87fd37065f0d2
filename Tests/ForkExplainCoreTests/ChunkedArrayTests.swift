import XCTest

@testable import ForkExplainCore

/// `ChunkedArray` holds the report's entries of each process in chunks:
/// it must keep every entry at its place across chunks' edges, as an
/// array would, whatever is appended, changed and taken off, and take
/// room for what it holds, not for what it once held.
final class ChunkedArrayTests: XCTestCase {
    /// 576 bytes: 64 of them to a chunk of some 64 KiB, so a few thousand
    /// entries cross many chunks' edges.
    private struct Wide: Equatable, Sendable {
        var id: Int
        var padding = SIMD64<UInt64>()
    }

    func testAgreesWithAnArrayAcrossChunks() {
        var generator = SystemRandomNumberGenerator()
        var chunked = ChunkedArray<Wide>()
        var expected: [Int] = []
        for step in 0..<30_000 {
            // More appends than removals until 3,000, then the other way.
            let grow = step < 15_000 ? 3 : 1
            switch Int.random(in: 0..<5, using: &generator) {
            case 0..<grow:
                chunked.append(Wide(id: step))
                expected.append(step)
            case 3 where !expected.isEmpty:
                let place = Int.random(in: 0..<expected.count, using: &generator)
                chunked.modify(at: place) { $0.id = -step }
                expected[place] = -step
            case 4 where !expected.isEmpty:
                let place = Int.random(in: 0..<expected.count, using: &generator)
                chunked[place] = Wide(id: step)
                expected[place] = step
            default:
                if !expected.isEmpty {
                    chunked.removeLast()
                    expected.removeLast()
                }
            }
            XCTAssertEqual(chunked.count, expected.count)
            if step % 1_000 == 0 { XCTAssertEqual(chunked.map(\.id), expected, "at step \(step)") }
        }
        XCTAssertEqual(chunked.map(\.id), expected)
    }

    func testRoomFollowsWhatIsHeld() {
        var chunked = ChunkedArray<Wide>()
        for id in 0..<10_000 { chunked.append(Wide(id: id)) }
        XCTAssertLessThanOrEqual(chunked.capacity, 10_000 + 64, "at most one chunk of room empty")
        for _ in 0..<9_990 { chunked.removeLast() }
        XCTAssertLessThanOrEqual(chunked.capacity, 10 + 2 * 64, "the chunks let go of, but one")
        XCTAssertEqual(chunked.map(\.id), Array(0..<10))

        var few = ChunkedArray<Int>()
        for id in 0..<3 { few.append(id) }
        XCTAssertLessThanOrEqual(few.capacity, 16, "a list of a few takes room for a few, not a chunk")
    }
}
