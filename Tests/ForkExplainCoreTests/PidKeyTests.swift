import XCTest

@testable import ForkExplainCore

/// The compact keys and entries a report keeps one of for each process
/// (docs/performance.md, "Held events: what each process leaves"): each
/// tells apart and gives back what the wider ones it replaced did.
final class PidKeyTests: XCTestCase {
    func testAPidKeyTellsNoPidFromPidZeroAndGivesBothBack() {
        let none = PidKey(names: 2, pid: nil)
        let zero = PidKey(names: 2, pid: 0)
        XCTAssertNotEqual(none, zero)
        XCTAssertNil(none.pid)
        XCTAssertEqual(zero.pid, 0)
        XCTAssertEqual(PidKey(names: 2, pid: -5).pid, -5)
        XCTAssertEqual(PidKey(names: 2, pid: Int.max).pid, Int.max)
        XCTAssertNotEqual(PidKey(names: 1, pid: 7), PidKey(names: 2, pid: 7))
        XCTAssertEqual(Set([none, zero, PidKey(names: 2, pid: nil), PidKey(names: 2, pid: 0)]).count, 2)
        XCTAssertEqual(MemoryLayout<PidKey>.stride, 16, "the point of it: 8 bytes less than an index and an Int?")
    }

    func testACountedEventGivesBackItsLastTimeOrNone() throws {
        let date = try XCTUnwrap(Timestamp.parse("2026-11-26T15:30:01.123Z"))
        var event = CountedEvent(sequence: 4, count: 2, lastDate: nil)
        XCTAssertNil(event.lastDate)
        event.lastDate = date
        XCTAssertEqual(event.lastDate, date, "bit for bit: it is compared with other events' times")
        event.lastDate = nil
        XCTAssertNil(event.lastDate)
        XCTAssertEqual(CountedEvent(sequence: 0, count: 1, lastDate: date).lastDate, date)
        XCTAssertEqual(MemoryLayout<CountedEvent>.stride, 32)
    }
}
