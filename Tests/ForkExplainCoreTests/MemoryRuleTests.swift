import XCTest

@testable import ForkExplainCore

/// memory_exhausted, memcg_limit and commit_limit.
final class MemoryRuleTests: XCTestCase {
    let classifier = Classifier()

    func testStrictOvercommitRefusesTheFork() throws {
        let verdict = classifier.classify(try Fixture.record("commit-limit-mode2.jsonl"))
        XCTAssertEqual(verdict.id, .commitLimit)
        XCTAssertEqual(verdict.family, .oom)
        XCTAssertEqual(verdict.confidence, .high)
        XCTAssertTrue(
            verdict.evidence.contains { $0.contains("Committed_AS 4.9 GiB") && $0.contains("> CommitLimit 7.8 GiB") })
        XCTAssertTrue(verdict.evidence.contains { $0.contains("VmData 3.4 GiB") })
        XCTAssertTrue(try XCTUnwrap(verdict.misleadingNote).hasPrefix("Memory may be free"))
        XCTAssertTrue(verdict.advice.contains { $0.contains("launchMechanism=POSIX_SPAWN") })
    }

    func testASmallParentFitsTheCommitLimit() throws {
        var record = try Fixture.record("commit-limit-mode2.jsonl")
        record.memory?.vmDataKb = 2_000
        XCTAssertNotEqual(classifier.classify(record).id, .commitLimit)
    }

    func testPosixSpawnNeedsNoCopy() throws {
        var record = try Fixture.record("commit-limit-mode2.jsonl")
        record.call = CallSnapshot(name: "posix_spawn", errno: 12, errnoName: "ENOMEM")
        record.glibc = "2.36"
        XCTAssertNotEqual(classifier.classify(record).id, .commitLimit, "posix_spawn shares the parent's memory")
    }

    func testNearlyFullCommitIsMedium() throws {
        var record = try Fixture.record("commit-limit-mode2.jsonl")
        record.memory?.vmDataKb = 2_000
        record.memory?.committedAsKb = 7_900_000
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .commitLimit)
        XCTAssertEqual(verdict.confidence, .medium)
    }

    func testHeuristicModeOnOldKernel() throws {
        var record = try Fixture.record("commit-limit-mode2.jsonl")
        record.memory?.overcommitMemory = 0
        record.kernel = "4.19.0-26-amd64"
        record.memory?.memAvailableKb = 3_000_000
        XCTAssertEqual(classifier.classify(record).id, .commitLimit)
        record.kernel = "5.10.0-28-amd64"
        XCTAssertNotEqual(classifier.classify(record).id, .commitLimit, "since v5.2 the check is per mapping")
    }

    func testEAGAINForkIsNotAMemoryVerdict() throws {
        var record = try Fixture.record("commit-limit-mode2.jsonl")
        record.call = CallSnapshot(name: "fork", errno: 11, errnoName: "EAGAIN")
        XCTAssertEqual(classifier.classify(record).id, .unexplained)
    }

    func testMemoryReallyExhausted() throws {
        let verdict = classifier.classify(try Fixture.record("memory-exhausted.jsonl"))
        XCTAssertEqual(verdict.id, .memoryExhausted)
        XCTAssertEqual(verdict.confidence, .high)
        XCTAssertNil(verdict.misleadingNote)
        XCTAssertTrue(verdict.evidence[0].contains("MemAvailable 128.0 MiB + SwapFree 12.0 MiB"))
    }

    func testPlentyOfMemoryIsNotExhausted() throws {
        var record = try Fixture.record("memory-exhausted.jsonl")
        record.memory?.memAvailableKb = 4_000_000
        XCTAssertNotEqual(classifier.classify(record).id, .memoryExhausted)
    }

    func testMemcgLimitWithoutVictim() throws {
        var record = try Fixture.record("memory-exhausted.jsonl")
        record.memory?.memAvailableKb = 8_000_000
        var level = MemoryCgroupLevel(
            version: 2, path: "/app.slice/etl.service", dir: "/sys/fs/cgroup/app.slice/etl.service")
        level.maxBytes = .value(2_147_483_648)
        level.currentBytes = 2_145_000_000
        level.events = MemoryEvents(max: 812, oom: 4, oomKill: 0)
        record.cgroups = CgroupsSnapshot(memory: [level])
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .memcgLimit)
        XCTAssertEqual(verdict.confidence, .high)
        XCTAssertEqual(verdict.bindingLimit.name, "memory cgroup /app.slice/etl.service")
        XCTAssertTrue(verdict.evidence.contains { $0.contains("oom 4 > oom_kill 0") })

        record.cgroups?.memory?[0].currentBytes = 1_000_000_000
        XCTAssertEqual(classifier.classify(record).confidence, .medium, "only the events remain")
        record.cgroups?.memory?[0].events = MemoryEvents(max: 0, oom: 2, oomKill: 2)
        XCTAssertNotEqual(classifier.classify(record).id, .memcgLimit)
    }

    func testMemcgV1WithOOMKillerDisabled() throws {
        var record = try Fixture.record("memory-exhausted.jsonl")
        record.memory?.memAvailableKb = 8_000_000
        var level = MemoryCgroupLevel(version: 1, path: "/etl", dir: "/sys/fs/cgroup/memory/etl")
        level.maxBytes = .value(1 << 30)
        level.currentBytes = 500_000_000
        level.failcnt = 17
        level.oomKillDisable = 1
        record.cgroups = CgroupsSnapshot(memory: [level])
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .memcgLimit)
        XCTAssertTrue(verdict.evidence.contains { $0.contains("oom_kill_disable 1 with memory.failcnt 17") })
    }
}
