import Foundation
import XCTest

@testable import ForkExplainCore

/// Swap inside a memory cgroup and limits that are somebody's default
/// (docs/kernel-facts.md §11.6, §11.7).
final class SwapAndDefaultsTests: XCTestCase {
    let classifier = Classifier()

    private func decode(_ json: String) throws -> LogRecord {
        try LogRecord(jsonLine: Array(json.utf8))
    }

    func testSwapFieldsDecodeAndAreKnown() throws {
        let json = """
            {"schema": 1, "type": "failure", "cgroups": {"memory": [
             {"version": 1, "path": "/docker/abc", "memsw_max_bytes": 16777216, "memsw_current_bytes": 16769024,
              "memsw_peak_bytes": 16777216, "memsw_failcnt": 37},
             {"version": 2, "path": "/", "swap_max_bytes": "max", "swap_current_bytes": 0,
              "swap_events": {"max": 2, "fail": 5}}]}}
            """
        let levels = try XCTUnwrap(try decode(json).cgroups?.memory)
        XCTAssertEqual(levels[0].memswMaxBytes?.number, 16_777_216)
        XCTAssertEqual(levels[0].memswCurrentBytes, 16_769_024)
        XCTAssertEqual(levels[0].memswFailcnt, 37)
        XCTAssertNil(levels[1].swapMaxBytes?.number, "\"max\" is no limit")
        XCTAssertEqual(levels[1].swapEvents, SwapEvents(max: 2, fail: 5))
        XCTAssertEqual(KnownKeys.unknown(in: try JSONSerialization.jsonObject(with: Data(json.utf8))), [])
    }

    func testOldRecordsWithoutSwapFieldsStillRead() throws {
        let record = try decode(
            """
            {"schema": 1, "type": "failure", "cgroups": {"memory": [{"version": 1, "path": "/a",
             "max_bytes": 100, "current_bytes": 50}]}}
            """)
        XCTAssertNil(record.cgroups?.memory?.first?.memswMaxBytes)
        XCTAssertNil(record.cgroups?.memory?.first?.swapEvents)
    }

    private func memswRecord(memsw: Int64, failcnt: Int64) throws -> LogRecord {
        var record = try Fixture.record("memory-exhausted.jsonl")
        record.kernel = "5.4.0-150-generic"
        record.memory?.memAvailableKb = 8_000_000
        var level = MemoryCgroupLevel(version: 1, path: "/docker/0123abcd", dir: "/sys/fs/cgroup/memory")
        level.maxBytes = .value(8_388_608)
        level.currentBytes = 6_500_352
        level.memswMaxBytes = .value(16_777_216)
        level.memswCurrentBytes = memsw
        level.memswFailcnt = failcnt
        record.cgroups = CgroupsSnapshot(memory: [level])
        return record
    }

    func testFullMemswBindsWhileMemoryIsBelowItsLimit() throws {
        let verdict = classifier.classify(try memswRecord(memsw: 16_769_024, failcnt: 37))
        XCTAssertEqual(verdict.id, .memcgLimit)
        XCTAssertEqual(verdict.confidence, .high)
        XCTAssertEqual(verdict.bindingLimit.key, "memcg-memsw:/docker/0123abcd")
        XCTAssertTrue(verdict.evidence.contains { $0.contains("memory.memsw.failcnt 37") })
        XCTAssertTrue(verdict.evidence.contains { $0.contains("about 9.8 MiB of the cgroup is in swap") })
        XCTAssertTrue(verdict.advice.contains { $0.contains("--memory-swap") })
    }

    /// The shim reads a counter's usage and failcnt only under a limit of at
    /// most 2^50 (docs/log-format.md): a level without them reads and
    /// classifies as one that has them under no limit.
    func testSwapAndKmemUsageAbsentUnderNoLimitClassifyAsPresent() throws {
        let unlimited: Int64 = 9_223_372_036_854_771_712
        let absent = try decode(
            """
            {"schema": 1, "type": "failure", "cgroups": {"memory": [{"version": 1, "path": "/a",
             "max_bytes": 100, "current_bytes": 99, "kmem_max_bytes": \(unlimited), "kmem_current_bytes": 10,
             "memsw_max_bytes": \(unlimited)}]}}
            """)
        let level = try XCTUnwrap(absent.cgroups?.memory?.first)
        XCTAssertNil(level.memswMaxBytes?.number, "9223372036854771712 is no limit")
        XCTAssertNil(level.memswCurrentBytes)
        XCTAssertNil(level.kmemFailcnt)
        var withAbsent = try memswRecord(memsw: 0, failcnt: 0)
        var withPresent = withAbsent
        var bare = MemoryCgroupLevel(version: 1, path: "/docker/0123abcd", dir: "/sys/fs/cgroup/memory")
        bare.maxBytes = .value(8_388_608)
        bare.currentBytes = 8_380_000
        bare.kmemMaxBytes = .unlimited
        bare.kmemCurrentBytes = 1_000_000
        bare.memswMaxBytes = .unlimited
        withAbsent.cgroups = CgroupsSnapshot(memory: [bare])
        var full = bare
        full.memswCurrentBytes = 16_000_000
        full.memswFailcnt = 3
        full.kmemFailcnt = 2
        withPresent.cgroups = CgroupsSnapshot(memory: [full])
        let a = classifier.classify(withAbsent), p = classifier.classify(withPresent)
        XCTAssertEqual(a.id, .memcgLimit)
        XCTAssertEqual(a.id, p.id)
        XCTAssertEqual(a.bindingLimit.key, p.bindingLimit.key)
        XCTAssertEqual(a.evidence, p.evidence)
    }

    func testMemswRefusalsWithRoomNowAreMediumAndQuietWithout() throws {
        let earlier = classifier.classify(try memswRecord(memsw: 9_000_000, failcnt: 4))
        XCTAssertEqual(earlier.id, .memcgLimit)
        XCTAssertEqual(earlier.confidence, .medium)
        XCTAssertNotEqual(classifier.classify(try memswRecord(memsw: 9_000_000, failcnt: 0)).id, .memcgLimit)
    }

    func testV2SwapMaxZeroExplainsWhyReclaimFailed() throws {
        var record = try Fixture.record("memory-exhausted.jsonl")
        record.memory?.memAvailableKb = 8_000_000
        var level = MemoryCgroupLevel(version: 2, path: "/kubepods/pod1", dir: "/sys/fs/cgroup/kubepods/pod1")
        level.maxBytes = .value(536_870_912)
        level.currentBytes = 536_805_376
        level.events = MemoryEvents(max: 90, oom: 12, oomKill: 11)
        level.swapMaxBytes = .value(0)
        level.swapCurrentBytes = 0
        record.cgroups = CgroupsSnapshot(memory: [level])
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .memcgLimit)
        XCTAssertEqual(verdict.bindingLimit.key, "memcg:/kubepods/pod1")
        XCTAssertTrue(verdict.evidence.contains { $0.hasPrefix("memory.swap.max 0 in /sys/fs/cgroup/kubepods/pod1") })
        XCTAssertTrue(verdict.advice.contains { $0.contains("MemorySwapMax=") })

        // Swap allowed and unused: nothing about swap is said.
        level.swapMaxBytes = .unlimited
        record.cgroups = CgroupsSnapshot(memory: [level])
        XCTAssertFalse(classifier.classify(record).evidence.contains { $0.contains("memory.swap") })
    }

    func testSystemdDefaultsAreRecognisedAndChosenValuesAreNot() {
        XCTAssertNotNil(
            SystemdDefaultTasksMax.match(
                path: "/system.slice/mysql.service", limit: 512, pidMax: 32768, threadsMax: 128_000))
        let fifteen = SystemdDefaultTasksMax.match(
            path: "/system.slice/app.service", limit: 4915, pidMax: 32768, threadsMax: 128_000)
        XCTAssertTrue(fifteen?.evidence.contains("DefaultTasksMax=15 %") == true)
        XCTAssertTrue(fifteen?.evidence.contains("= 32767") == true)
        XCTAssertNotNil(
            SystemdDefaultTasksMax.match(
                path: "/user.slice/user-1000.slice", limit: 12288, pidMax: 4_194_304, threadsMax: 500_000))
        // 33 % of threads-max 31111 rounds down to 10266.
        XCTAssertNotNil(
            SystemdDefaultTasksMax.match(
                path: "/user.slice/user-22001.slice", limit: 10266, pidMax: 32768, threadsMax: 31111))
        XCTAssertNil(
            SystemdDefaultTasksMax.match(
                path: "/system.slice/whisper.service", limit: 64, pidMax: 4_194_304, threadsMax: 511_000))
        XCTAssertNil(
            SystemdDefaultTasksMax.match(
                path: "/user.slice/user-1000.slice", limit: 512, pidMax: 32768, threadsMax: 128_000),
            "512 was never a user slice's default")
        XCTAssertNil(
            SystemdDefaultTasksMax.match(path: "/docker/abc", limit: 512, pidMax: 32768, threadsMax: 128_000))
    }

    func testRedHatNPROCDropInsAreNamedOnlyOnTheirReleases() {
        XCTAssertTrue(
            DistroNPROCDefault.advice(soft: 1024, kernel: "2.6.32-358.el6.x86_64")?.contains("90-nproc.conf") == true)
        XCTAssertTrue(
            DistroNPROCDefault.advice(soft: 4096, kernel: "3.10.0-957.el7.x86_64")?.contains("20-nproc.conf") == true)
        XCTAssertNil(DistroNPROCDefault.advice(soft: 4096, kernel: "2.6.32-358.el6.x86_64"))
        XCTAssertNil(DistroNPROCDefault.advice(soft: 1024, kernel: "5.15.0-91-generic"))
        XCTAssertNil(DistroNPROCDefault.advice(soft: 1024, kernel: nil))
    }
}
