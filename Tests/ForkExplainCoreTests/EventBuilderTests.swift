import Foundation
import XCTest

@testable import ForkExplainCore

/// What the event builder holds grows with the processes of the last
/// settle window, not with every process the log ever named.
final class EventBuilderTests: XCTestCase {
    private static let start = Date(timeIntervalSince1970: 1_795_000_000)
    private let iso: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()

    private func failure(_ base: LogRecord, pid: Int, at seconds: TimeInterval) -> LogRecord {
        var record = base
        record.process?.pid = pid
        record.time = iso.string(from: Self.start.addingTimeInterval(seconds))
        return record
    }

    /// 4,000 processes failing once each, 1,000 s apart (46 days): the
    /// builder holds at most the limit plus one settle period, yet hands on
    /// every event, each once.
    func testHeldEventsStayBoundedOverALongLog() throws {
        let base = try Fixture.record("cgroup-pids-parent.jsonl")
        var builder = EventBuilder(holdLimit: 256)
        var handedOn = Set<Int>()
        var mostHeld = 0
        for n in 0..<4_000 {
            try builder.add(failure(base, pid: 100_000 + n, at: Double(n) * 1_000)) { event, _ in
                XCTAssertTrue(handedOn.insert(event.record.process?.pid ?? -1).inserted)
            }
            mostHeld = max(mostHeld, builder.heldEvents)
        }
        XCTAssertLessThanOrEqual(mostHeld, 256 + 256 / 4 + 1)
        try builder.finish { event, _ in
            XCTAssertTrue(handedOn.insert(event.record.process?.pid ?? -1).inserted)
        }
        XCTAssertEqual(handedOn.count, 4_000)
    }

    /// Within the window nothing is handed on early: a late tally still
    /// joins the failure it counts, however many processes came between.
    func testALateTallyWithinTheWindowStillJoinsItsFailure() throws {
        let base = try Fixture.record("cgroup-pids-parent.jsonl")
        var builder = EventBuilder(holdLimit: 256)
        var counts: [Int: Int] = [:]
        let collect: (FailureEvent, Int) -> Void = { event, _ in counts[event.record.process?.pid ?? -1] = event.count }
        builder.add(failure(base, pid: 7, at: 0), final: collect)
        for n in 0..<1_000 {
            builder.add(failure(base, pid: 100_000 + n, at: 1 + Double(n) * 10), final: collect)
        }
        var tally = failure(base, pid: 7, at: 3 * 3600)
        tally.type = .tally
        tally.call?.suppressed = 41
        builder.add(tally, final: collect)
        builder.finish(final: collect)
        XCTAssertEqual(counts[7], 42)
    }

    private func tally(_ base: LogRecord, pid: Int, at seconds: TimeInterval) -> LogRecord {
        var tally = failure(base, pid: pid, at: seconds)
        tally.type = .tally
        tally.call?.suppressed = pid % 10
        return tally
    }

    /// A slot let go of is taken by the next event: over 4,000 processes
    /// 5,000 s apart (the settle window holds 18 of them) the room made
    /// follows the most events held at once, and tallies still join their
    /// own process's failure, whichever slot it was held in (each process
    /// counts 1 + its pid's last digit).
    func testSlotsAreReusedAndTalliesJoinTheirOwnFailure() throws {
        let base = try Fixture.record("cgroup-pids-parent.jsonl")
        var builder = EventBuilder(holdLimit: 64)
        var counts: [Int: Int] = [:]
        let collect: (FailureEvent, Int) -> Void = { event, _ in
            XCTAssertNil(counts.updateValue(event.count, forKey: event.record.process?.pid ?? -1))
        }
        var mostHeld = 0
        for n in 0..<4_000 {
            let pid = 100_000 + n
            builder.add(failure(base, pid: pid, at: Double(n) * 5_000), final: collect)
            mostHeld = max(mostHeld, builder.heldEvents)
            // The tally of the process before: its failure is held still.
            if n > 0 { builder.add(tally(base, pid: pid - 1, at: Double(n) * 5_000 + 1), final: collect) }
        }
        builder.add(tally(base, pid: 103_999, at: 4_000 * 5_000), final: collect)
        builder.finish(final: collect)
        // The room grows by half as it fills (`CompactTable`): it follows
        // the most held, never the 4,000 processes.
        XCTAssertLessThanOrEqual(builder.slotsMade, mostHeld + mostHeld / 2 + 8)
        XCTAssertLessThanOrEqual(mostHeld, 64 + 64 / 4 + 1)
        XCTAssertEqual(counts.count, 4_000)
        for (pid, count) in counts { XCTAssertEqual(count, 1 + pid % 10, "pid \(pid)") }
    }

    /// Counted at once, 4,000 processes failing once each, 1,000 s apart:
    /// what the builder keeps of them is bounded as held events are, and a
    /// tally past the window joins nothing, as it would join no held event.
    func testCountedEventsStayBoundedOverALongLog() throws {
        let base = try Fixture.record("cgroup-pids-parent.jsonl")
        var builder = EventBuilder(holdLimit: 256, countsAtOnce: true)
        var mostKept = 0
        for n in 0..<4_000 {
            let counting = try builder.add(failure(base, pid: 100_000 + n, at: Double(n) * 1_000)) { _, _ in
                XCTFail("a counted event handed on")
            }
            guard case .counted = counting else { return XCTFail("not counted") }
            mostKept = max(mostKept, builder.countedHeld)
        }
        XCTAssertEqual(builder.heldEvents, 0)
        XCTAssertLessThanOrEqual(mostKept, 256 + 256 / 4 + 1)
        var late = failure(base, pid: 100_000, at: 4_000 * 1_000)
        late.type = .tally
        guard case .none = builder.add(late, final: { _, _ in }) else { return XCTFail("joined a counted event") }
        XCTAssertEqual(builder.heldEvents, 1, "held as a tally waiting for its failure")
    }
}
