import Foundation
import XCTest

@testable import ForkExplainCore

/// A tally the shim wrote instead of a snapshot because FORKEXPLAIN_FILL=
/// failure found no room (log-format.md, "tally", `fill_refused`): the
/// verdict it still gives, and the tallies without it read as before.
final class FillRefusalTests: XCTestCase {
    private static let head =
        #"{"schema":1,"type":"tally","time":"2026-11-27T21:00:00.000Z","host":"h","boot_id":"b","kernel":"6.18.0","process":{"pid":5,"tid":5,"ppid":1,"uid":0,"euid":0,"comm":"make"},"#

    private func tally(call: String = "fork", errno: Int = 12, errnoName: String = "ENOMEM", _ refused: String?) throws
        -> LogRecord
    {
        var line =
            Self.head
            + #""call":{"name":"\#(call)","errno":\#(errno),"errno_name":"\#(errnoName)","suppressed":1,"lost":1}"#
        if let refused { line += #","fill_refused":"# + refused }
        let path = try Fixture.temporaryFile(line + "}\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try XCTUnwrap(LogReader().readAll([LogSource(path: path)]).records.first)
    }

    private static let fullV1 =
        #"{"reason":"memcg","need_bytes":8388608,"version":1,"mount":"/sys/fs/cgroup/memory","path":"/build","counter":"memory","current_bytes":33554432,"max_bytes":33554432}"#

    func testAFullMemcgLevelGivesMemcgLimitWithItsNumbers() throws {
        let record = try tally(Self.fullV1)
        XCTAssertEqual(record.fillRefused?.dir, "/sys/fs/cgroup/memory/build")
        let verdict = Classifier.tallyOnly(record)
        XCTAssertEqual(verdict.id, .memcgLimit)
        XCTAssertEqual(verdict.confidence, .medium)
        XCTAssertEqual(verdict.bindingLimit.key, "memcg:/build")
        XCTAssertTrue(
            verdict.evidence.contains {
                $0.contains(
                    "memory.usage_in_bytes 32.0 MiB is 100 % of memory.limit_in_bytes 32.0 MiB in /sys/fs/cgroup/memory/build"
                )
            }, "\(verdict.evidence)")
        XCTAssertTrue(verdict.evidence.contains { $0.contains("were not read") })
        XCTAssertTrue(verdict.advice.contains { $0.contains("FORKEXPLAIN_FILL=start") })
    }

    func testALevelOnlyWithinTheMarginIsLowAndNamesMemsw() throws {
        let record = try tally(
            #"{"reason":"memcg","need_bytes":8388608,"version":1,"mount":"/sys/fs/cgroup/memory","path":"/b","counter":"memsw","current_bytes":100000000,"max_bytes":104857600}"#
        )
        let verdict = Classifier.tallyOnly(record)
        XCTAssertEqual(verdict.id, .memcgLimit)
        XCTAssertEqual(verdict.confidence, .low)
        XCTAssertEqual(verdict.bindingLimit.key, "memcg-memsw:/b")
        XCTAssertTrue(verdict.evidence.contains { $0.hasPrefix("memory.memsw.usage_in_bytes") })
    }

    func testAShortHostGivesMemoryExhausted() throws {
        let verdict = Classifier.tallyOnly(
            try tally(
                call: "pthread_create", errno: 11, errnoName: "EAGAIN",
                #"{"reason":"mem_available","need_bytes":8388608,"mem_available_kb":5000}"#))
        XCTAssertEqual(verdict.id, .memoryExhausted)
        XCTAssertEqual(verdict.confidence, .low)
        XCTAssertTrue(verdict.evidence.contains { $0.contains("MemAvailable") })
    }

    /// An errno a memory shortage does not give: no memory verdict, but the
    /// finding is said.
    func testAnotherErrnoKeepsTheTallyVerdictWithTheFinding() throws {
        let verdict = Classifier.tallyOnly(try tally(call: "fork", errno: 11, errnoName: "EAGAIN", Self.fullV1))
        XCTAssertEqual(verdict.id, .unexplained)
        XCTAssertTrue(
            verdict.evidence.contains { $0.hasPrefix("no snapshot: memory.usage_in_bytes 32.0 MiB") },
            "\(verdict.evidence)")
    }

    func testAnUnreadSourceIsSaid() throws {
        let verdict = Classifier.tallyOnly(
            try tally(#"{"reason":"unread","need_bytes":8388608,"source":"/proc/self/cgroup","errno_name":"ENOMEM"}"#))
        XCTAssertEqual(verdict.id, .unexplained)
        XCTAssertTrue(verdict.evidence.contains { $0.contains("opening /proc/self/cgroup failed with ENOMEM") })
    }

    /// A tally from before the field reads and classifies as it did.
    func testAnOldTallyIsUnchanged() throws {
        let record = try tally(nil)
        XCTAssertNil(record.fillRefused)
        let verdict = Classifier.tallyOnly(record)
        XCTAssertEqual(verdict.id, .unexplained)
        XCTAssertEqual(verdict.evidence.count, 2)
    }
}
