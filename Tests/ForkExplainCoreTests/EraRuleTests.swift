import XCTest

@testable import ForkExplainCore

/// The kernel and glibc eras of docs/kernel-facts.md §6: old overcommit
/// heuristics, v1 kmem, swap full, clone3 under old seccomp profiles, the
/// kernel's check order, and files a kernel did not have.
final class EraRuleTests: XCTestCase {
    let classifier = Classifier()

    /// Ubuntu 14.04's Redis: mode 0 on 3.13, no MemAvailable.
    private func trustyRedis() throws -> LogRecord {
        var record = try Fixture.record("memory-exhausted.jsonl")
        record.kernel = "3.13.0-170-generic"
        record.memory = MemorySnapshot()
        record.memory?.memTotalKb = 16_431_000
        record.memory?.memFreeKb = 350_000
        record.memory?.cachedKb = 3_100_000
        record.memory?.buffersKb = 120_000
        record.memory?.shmemKb = 900_000
        record.memory?.sReclaimableKb = 180_000
        record.memory?.swapTotalKb = 0
        record.memory?.swapFreeKb = 0
        record.memory?.overcommitMemory = 0
        record.memory?.vmDataKb = 11_800_000
        return record
    }

    func testOldHeuristicSumsWhatTheKernelSummed() throws {
        let verdict = classifier.classify(try trustyRedis())
        XCTAssertEqual(verdict.id, .commitLimit)
        XCTAssertEqual(verdict.bindingLimit.name, "overcommit heuristic (vm.overcommit_memory 0)")
        // 350000 + 3100000 + 120000 − 900000 + 180000 + 0 = 2850000 KiB
        XCTAssertTrue(verdict.evidence.contains { $0.contains("VmData 11.3 GiB") && $0.contains("= 2.7 GiB") })
        XCTAssertTrue(verdict.advice.contains { $0.contains("vm.overcommit_memory=1") })
        XCTAssertFalse(verdict.advice.contains { $0.contains("overcommit_ratio") || $0.contains("overcommit_kbytes") })
    }

    func testOldHeuristicNamesVmSizeWhenVmDataIsMissing() throws {
        var record = try trustyRedis()
        record.memory?.vmDataKb = nil
        record.memory?.vmSizeKb = 12_100_000
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .commitLimit)
        XCTAssertTrue(verdict.evidence.contains { $0.contains("VmSize (VmData not recorded; an upper bound)") })
    }

    func testHeuristicIsQuietWhenTheParentFitsOrTheKernelIsNew() throws {
        var record = try trustyRedis()
        record.memory?.vmDataKb = 2_000_000
        XCTAssertNotEqual(classifier.classify(record).id, .commitLimit)
        record = try trustyRedis()
        record.kernel = "5.4.0-150-generic"
        XCTAssertNotEqual(classifier.classify(record).id, .commitLimit, "since v5.2 the check is against RAM + swap")
    }

    func testStrictModeStillAdvisesTheRatio() throws {
        let verdict = classifier.classify(try Fixture.record("commit-limit-mode2.jsonl"))
        XCTAssertTrue(verdict.advice.contains { $0.contains("overcommit_ratio") })
    }

    private func kmemLevel(current: Int64, failcnt: Int64) -> MemoryCgroupLevel {
        var level = MemoryCgroupLevel(version: 1, path: "/docker/0123abcd", dir: "/sys/fs/cgroup/memory")
        level.maxBytes = .value(4_294_967_296)
        level.currentBytes = 2_139_095_040
        level.kmemMaxBytes = .value(536_870_912)
        level.kmemCurrentBytes = current
        level.kmemFailcnt = failcnt
        return level
    }

    func testFullKmemCounterIsMemcgLimitWhileMemoryIsAtHalf() throws {
        var record = try Fixture.record("memory-exhausted.jsonl")
        record.kernel = "5.4.0-150-generic"
        record.memory?.memAvailableKb = 8_000_000
        record.cgroups = CgroupsSnapshot(memory: [kmemLevel(current: 536_862_720, failcnt: 18_211)])
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .memcgLimit)
        XCTAssertEqual(verdict.confidence, .high)
        XCTAssertEqual(verdict.bindingLimit.name, "kernel memory (kmem) limit of memory cgroup /docker/0123abcd")
        XCTAssertTrue(verdict.evidence.contains { $0.contains("memory.kmem.failcnt 18211") })
        XCTAssertTrue(verdict.evidence.contains { $0.contains("the memory counter is at 50 %") })
        XCTAssertTrue(verdict.advice.contains { $0.contains("--kernel-memory") })

        // Refusals counted, counter since fallen back: still kmem, medium.
        record.cgroups = CgroupsSnapshot(memory: [kmemLevel(current: 300_000_000, failcnt: 4)])
        let earlier = classifier.classify(record)
        XCTAssertEqual(earlier.id, .memcgLimit)
        XCTAssertEqual(earlier.confidence, .medium)
        record.cgroups = CgroupsSnapshot(memory: [kmemLevel(current: 300_000_000, failcnt: 0)])
        XCTAssertNotEqual(classifier.classify(record).id, .memcgLimit)
    }

    func testMemcgWithoutOOMKillIsTheNormOnOldKernels() throws {
        var record = try Fixture.record("memory-exhausted.jsonl")
        record.memory?.memAvailableKb = 8_000_000
        var level = MemoryCgroupLevel(version: 1, path: "/system.slice/php.service", dir: nil)
        level.maxBytes = .value(2_147_483_648)
        level.currentBytes = 2_147_352_576
        record.cgroups = CgroupsSnapshot(memory: [level])
        record.kernel = "4.4.0-210-generic"
        let old = classifier.classify(record)
        XCTAssertEqual(old.id, .memcgLimit)
        XCTAssertTrue(old.kernelRule.contains("without an OOM kill"))
        XCTAssertTrue(old.evidence.contains { $0.contains("no victim evidence is needed") })
        record.kernel = "4.19.0"
        XCTAssertFalse(classifier.classify(record).kernelRule.contains("without an OOM kill"))
    }

    /// Debian 12: MemAvailable 10 % of RAM, all hot page cache, swap full.
    private func swapFull() throws -> LogRecord {
        var record = try Fixture.record("memory-exhausted.jsonl")
        record.memory?.memTotalKb = 8_140_000
        record.memory?.memFreeKb = 96_000
        record.memory?.memAvailableKb = 880_000
        record.memory?.cachedKb = 1_050_000
        record.memory?.buffersKb = 2_100
        record.memory?.sReclaimableKb = 60_000
        record.memory?.swapTotalKb = 2_097_148
        record.memory?.swapFreeKb = 0
        return record
    }

    func testSwapFullWithOnlyCacheAvailableIsExhaustion() throws {
        let verdict = classifier.classify(try swapFull())
        XCTAssertEqual(verdict.id, .memoryExhausted)
        XCTAssertEqual(verdict.confidence, .medium)
        XCTAssertTrue(
            verdict.evidence.contains { $0.hasPrefix("RAM: MemFree 93.8 MiB of MemTotal") }, "\(verdict.evidence)")
        XCTAssertTrue(verdict.evidence.contains { $0.hasPrefix("swap: ") && $0.hasSuffix("swap is full") })
    }

    func testSwapWithRoomOrFreeRAMIsNotExhaustion() throws {
        var record = try swapFull()
        record.memory?.swapFreeKb = 1_000_000
        XCTAssertNotEqual(classifier.classify(record).id, .memoryExhausted)
        record = try swapFull()
        record.memory?.memFreeKb = 700_000
        XCTAssertNotEqual(classifier.classify(record).id, .memoryExhausted)
    }

    func testClassicExhaustionShowsRAMAndSwapApart() throws {
        let verdict = classifier.classify(try Fixture.record("memory-exhausted.jsonl"))
        XCTAssertEqual(verdict.id, .memoryExhausted)
        XCTAssertTrue(verdict.evidence.contains { $0.hasPrefix("RAM: MemAvailable 128.0 MiB") })
        XCTAssertTrue(verdict.evidence.contains { $0.hasPrefix("swap: ") && !$0.contains("full") })
    }

    func testThreadEPERMOnGlibc235IsTheRuntimesClone3Profile() throws {
        var record = try Fixture.record("rlimit-nproc.jsonl")
        record.limits?.uidTasks = 10
        record.glibc = "2.35"
        record.call = CallSnapshot(name: "pthread_create", errno: 1, errnoName: "EPERM")
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .seccompOrPolicy)
        XCTAssertTrue(verdict.bindingLimit.name.contains("seccomp profile answering clone3"))
        XCTAssertTrue(verdict.advice[0].contains("seccomp") && verdict.advice[0].contains("clone3"))
        XCTAssertTrue(verdict.evidence.contains { $0.contains("PTHREAD_EXPLICIT_SCHED") })

        record.glibc = "2.31"  // threads use clone: scheduling attributes first
        let old = classifier.classify(record)
        XCTAssertEqual(old.id, .seccompOrPolicy)
        XCTAssertEqual(old.confidence, .low)
        XCTAssertFalse(old.bindingLimit.name.contains("clone3"))
        XCTAssertTrue(old.advice[0].contains("CAP_SYS_NICE"))
    }

    func testThreadEPERMOnAKernelWithoutClone3SaysTheFilterAnswered() throws {
        // docs/kernel-facts.md §11.40: before 5.3 the kernel itself would say ENOSYS.
        var record = try Fixture.record("rlimit-nproc.jsonl")
        record.limits?.uidTasks = 10
        record.glibc = "2.36"
        record.kernel = "4.14.314-237.533.amzn2.x86_64"
        record.call = CallSnapshot(name: "pthread_create", errno: 1, errnoName: "EPERM")
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .seccompOrPolicy)
        XCTAssertTrue(
            verdict.evidence.contains { $0.contains("kernel 4.14.314-237.533.amzn2.x86_64 has no clone3 (5.3)") },
            "\(verdict.evidence)")

        record.kernel = "5.15.0-91-generic"  // clone3 exists: the kernel says nothing here
        XCTAssertFalse(classifier.classify(record).evidence.contains { $0.contains("has no clone3") })
    }

    func testEarliestKernelCheckBindsAndTheOthersAreAlsoFull() throws {
        // RLIMIT_NPROC (checked third) and a full pids cgroup (checked last).
        var record = try Fixture.record("rlimit-nproc.jsonl")
        var level = PIDsCgroupLevel(version: 2, path: "/user.slice", dir: "/sys/fs/cgroup/user.slice")
        level.max = .value(4000)
        level.current = 4000
        record.cgroups = CgroupsSnapshot(pids: [level])
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .rlimitNPROC)
        XCTAssertTrue(
            verdict.evidence.contains {
                $0.hasPrefix("also full: cgroup pids /user.slice") && $0.contains("§6.7")
            }, "\(verdict.evidence)")
    }

    func testPopenENOMEMOnGlibc239IsRealMemory() throws {
        var record = try Fixture.record("cgroup-pids-parent.jsonl")
        record.call = CallSnapshot(name: "popen", errno: 12, errnoName: "ENOMEM")
        record.glibc = "2.36"
        XCTAssertEqual(classifier.classify(record).id, .cgroupPidsLimit, "2.29–2.37: any failure is ENOMEM")
        record.glibc = "2.39"
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.confidence, .medium, "a full pids cgroup gives EAGAIN on 2.38+")
    }

    func testAFileTheKernelDidNotHaveIsNotUnreadable() throws {
        var record = try Fixture.record("memory-exhausted.jsonl")
        record.memory?.memAvailableKb = 8_000_000
        record.memory?.vmDataKb = 2_000
        record.kernel = "3.10.0-1160.el7.x86_64"
        record.unreadable = ["/proc/self/ns/pid_for_children", "/proc/sys/kernel/threads-max"]
        let evidence = classifier.classify(record).evidence
        XCTAssertTrue(evidence.contains("could not be read by the shim: /proc/sys/kernel/threads-max"), "\(evidence)")
        record.unreadable = ["/proc/sys/kernel/threads-max"]
        record.absent = ["/proc/sys/vm/overcommit_kbytes"]
        XCTAssertFalse(classifier.classify(record).evidence.contains { $0.contains("overcommit_kbytes") })
        record.unreadable = ["/proc/sys/vm/overcommit_kbytes"]
        record.absent = nil
        record.kernel = "5.10.0"
        XCTAssertTrue(classifier.classify(record).evidence.contains { $0.contains("overcommit_kbytes") })
    }

    func testSystemsStatusOnSpawnFailureIsAnEra() throws {
        var record = try Fixture.record("rlimit-nproc.jsonl")
        record.call = CallSnapshot(name: "system", errno: 11, errnoName: "EAGAIN")
        record.glibc = "2.36"
        XCTAssertTrue(classifier.classify(record).evidence.contains { $0.contains("shell that exited 127") })
        record.glibc = "2.41"
        XCTAssertTrue(classifier.classify(record).evidence.contains { $0.contains("returns -1") })
        record.call = CallSnapshot(name: "fork", errno: 11, errnoName: "EAGAIN")
        XCTAssertFalse(classifier.classify(record).evidence.contains { $0.contains("system()") })
    }

    func testCheckSaysTheHostsPidMaxIsNotVisibleFromANestedNamespace() throws {
        var record = LogRecord(type: .other("snapshot"))
        record.kernel = "6.18.0"
        var pid = PIDSnapshot()
        pid.pidNs = 4_026_532_713
        pid.pidMax = PIDSpace.pidMaxLimit
        pid.hostTasks = 3_120
        record.pid = pid
        let text = CheckTextRenderer().render(CheckReport(record: record))
        XCTAssertTrue(text.contains("the host's kernel.pid_max, which binds as well, is not visible"), text)
        XCTAssertFalse(text.contains("kernel.pid_max − 300:"), text)
    }
}
