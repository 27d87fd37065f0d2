import Foundation
import XCTest

@testable import ForkExplainCore

/// A record's call and `top` are held out of line, and held events share
/// equal calls (`SharedParts`, docs/performance.md, "Held events: the call
/// and holders out of line"): each event must still write, group and merge
/// by its own.
final class HeldSectionsTests: XCTestCase {
    func testARecordsCallAndTopAreItsOwn() throws {
        let record = try Fixture.record("cgroup-pids-parent.jsonl")
        let errno = record.call?.errno
        XCTAssertNotNil(record.top)
        var copy = record
        copy.call?.errno = 12
        copy.call?.suppressed = 41
        copy.top?.zombies = 9_999
        XCTAssertEqual(copy.call?.errno, 12)
        XCTAssertEqual(copy.call?.suppressed, 41)
        XCTAssertEqual(copy.top?.zombies, 9_999)
        XCTAssertEqual(record.call?.errno, errno)
        XCTAssertNotEqual(record.call?.suppressed, 41)
        XCTAssertNotEqual(record.top?.zombies, 9_999)
        copy.call = nil
        XCTAssertNil(copy.call)
        XCTAssertNotNil(record.call)
    }

    /// 600 processes, every held event shared and half of them spooled,
    /// with three calls and errnos among them and a tally joining each
    /// after the others came: each event handed on names its own call,
    /// errno and count, though equal calls share one section.
    func testSharedHeldEventsKeepTheirOwnCallAndTallies() throws {
        let base = try Fixture.record("cgroup-pids-parent.jsonl")
        let calls: [(name: String, errno: Int, errnoName: String)] = [
            ("fork", 11, "EAGAIN"), ("clone", 12, "ENOMEM"), ("pthread_create", 11, "EAGAIN"),
        ]
        var builder = EventBuilder(shareFrom: 0, spoolFrom: 300)
        var handed: [Int: FailureEvent] = [:]
        let collect: (FailureEvent, Int) -> Void = { event, _ in
            XCTAssertNil(handed.updateValue(event, forKey: event.pid ?? -1))
        }
        func record(_ pid: Int, type: RecordType, suppressed: Int) -> LogRecord {
            var record = base
            record.type = type
            record.process?.pid = pid
            record.process?.tid = pid
            let call = calls[pid % 3]
            record.call?.name = call.name
            record.call?.errno = call.errno
            record.call?.errnoName = call.errnoName
            record.call?.suppressed = suppressed
            return record
        }
        let pids = 100_000..<100_600
        for pid in pids { builder.add(record(pid, type: .failure, suppressed: 0), final: collect) }
        for pid in pids { builder.add(record(pid, type: .tally, suppressed: pid % 7), final: collect) }
        builder.finish(final: collect)
        XCTAssertEqual(handed.count, pids.count)
        for pid in pids {
            let event = try XCTUnwrap(handed[pid], "pid \(pid)")
            let call = calls[pid % 3]
            XCTAssertEqual(event.record.call?.name, call.name, "pid \(pid)")
            XCTAssertEqual(event.errnoNumber, call.errno, "pid \(pid)")
            XCTAssertEqual(event.errnoName, call.errnoName, "pid \(pid)")
            XCTAssertEqual(event.count, 1 + pid % 7, "pid \(pid)")
            XCTAssertEqual(event.record.process?.tid, pid, "pid \(pid)")
        }
    }

    /// A shim failure held shared with others, and watch's record of it
    /// read after them all: still the same failure by errno, pid and
    /// time, and not a twin of a held event of another errno.
    func testASharedShimEventStillFindsItsLateWatchTwin() throws {
        let lines = try String(contentsOfFile: try Fixture.path("watch-and-shim.jsonl"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let path = try Fixture.temporaryFile(lines.joined(separator: "\n") + "\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let events = try LogReader().readAll([LogSource(path: path)]).records.compactMap {
            EventBuilder.classified($0, by: Classifier())
        }
        let shim = try XCTUnwrap(events.first { !$0.record.isFromWatch && $0.pid == 5120 })
        let watch = try XCTUnwrap(events.first { $0.record.isFromWatch })
        var otherRecord = shim.record
        otherRecord.call?.errno = 12
        otherRecord.call?.errnoName = "ENOMEM"
        let other = FailureEvent(record: otherRecord, verdict: shim.verdict)
        var parts = SharedParts()
        var sharedOther = other.compactForJSON()
        _ = parts.share(&sharedOther)
        var sharedShim = shim.compactForJSON()
        _ = parts.share(&sharedShim)
        XCTAssertEqual(sharedShim.errnoNumber, shim.errnoNumber)
        XCTAssertEqual(sharedOther.errnoNumber, 12)
        XCTAssert(SourceMerger.sameFailure(sharedShim, watch.compactForJSON()))
        XCTAssertFalse(SourceMerger.sameFailure(sharedOther, watch.compactForJSON()))
    }
}
