import Foundation
import XCTest

@testable import ForkExplainCore

/// The fields issue 6 adds to schema 1 (meminfo's heuristic terms, v1 kmem,
/// memory events, `absent`): decoded under the names the shim writes.
final class EraFieldsDecodingTests: XCTestCase {
    private func decode(_ json: String) throws -> LogRecord {
        try LogRecord(jsonLine: Array(json.utf8))
    }

    func testMeminfoHeuristicTerms() throws {
        let record = try decode(
            """
            {"schema": 1, "type": "failure", "memory": {"mem_total_kb": 16431000, "mem_free_kb": 350000,
             "cached_kb": 3100000, "buffers_kb": 120000, "shmem_kb": 900000, "sreclaimable_kb": 180000,
             "swap_free_kb": 0}}
            """)
        let memory = try XCTUnwrap(record.memory)
        XCTAssertEqual(memory.memFreeKb, 350_000)
        XCTAssertEqual(memory.cachedKb, 3_100_000)
        XCTAssertEqual(memory.buffersKb, 120_000)
        XCTAssertEqual(memory.shmemKb, 900_000)
        XCTAssertEqual(memory.sReclaimableKb, 180_000)
        XCTAssertNil(memory.memAvailableKb, "absent before 3.14")
    }

    func testMemoryCgroupKmemAndEvents() throws {
        let record = try decode(
            """
            {"schema": 1, "type": "failure", "cgroups": {"memory": [
             {"version": 1, "path": "/docker/abc", "max_bytes": 4294967296, "current_bytes": 2139095040,
              "kmem_max_bytes": 536870912, "kmem_current_bytes": 536862720, "kmem_peak_bytes": 536870912,
              "kmem_failcnt": 18211, "oom_kill": 3},
             {"version": 2, "path": "/app", "kmem_max_bytes": "max",
              "events_local": {"max": 5, "oom": 2, "oom_kill": 1}}]}}
            """)
        let levels = try XCTUnwrap(record.cgroups?.memory)
        XCTAssertEqual(levels[0].kmemMaxBytes?.number, 536_870_912)
        XCTAssertEqual(levels[0].kmemCurrentBytes, 536_862_720)
        XCTAssertEqual(levels[0].kmemFailcnt, 18_211)
        XCTAssertEqual(levels[0].oomKill, 3)
        XCTAssertNil(levels[1].kmemMaxBytes?.number, "\"max\" is no limit")
        XCTAssertEqual(levels[1].eventsLocal, MemoryEvents(max: 5, oom: 2, oomKill: 1))
    }

    func testAbsentIsKeptApartFromUnreadable() throws {
        let record = try decode(
            """
            {"schema": 1, "type": "failure", "unreadable": ["/proc/sys/kernel/threads-max"],
             "absent": ["/proc/self/ns/pid_for_children", "/proc/sys/vm/overcommit_kbytes"]}
            """)
        XCTAssertEqual(record.unreadable, ["/proc/sys/kernel/threads-max"])
        XCTAssertEqual(record.absent, ["/proc/self/ns/pid_for_children", "/proc/sys/vm/overcommit_kbytes"])
    }

    func testTheNewKeysAreKnown() throws {
        let json = """
            {"schema": 1, "type": "failure", "absent": [],
             "memory": {"mem_free_kb": 1, "cached_kb": 1, "buffers_kb": 1, "shmem_kb": 1, "sreclaimable_kb": 1},
             "cgroups": {"memory": [{"kmem_max_bytes": 1, "kmem_current_bytes": 1, "kmem_peak_bytes": 1,
              "kmem_failcnt": 0, "oom_kill": 0, "events_local": {"max": 0, "oom": 0, "oom_kill": 0}}]}}
            """
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
        XCTAssertEqual(KnownKeys.unknown(in: object), [])
    }
}
