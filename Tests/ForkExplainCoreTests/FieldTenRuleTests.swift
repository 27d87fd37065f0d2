import XCTest

@testable import ForkExplainCore

/// What the tenth field audit added (scenarios 127–129): a hidden pod limit
/// that is a power of ten (aks-engine's `--pod-max-pids` 100), and a
/// threads-max, with the RLIMIT_NPROC and TasksMax percentages taken from
/// it, that the kernel sized from the memory a VM booted with before memory
/// hotplug grew it (docs/kernel-facts.md §11.30).
final class FieldTenRuleTests: XCTestCase {
    let classifier = Classifier()

    func testAHiddenLimitJustAboveTheCountMayBeAPowerOfTen() {
        XCTAssertEqual(HiddenPidsLimit.roundLimit(justAbove: 99), 100)
        XCTAssertEqual(HiddenPidsLimit.roundLimit(justAbove: 96), 100)
        XCTAssertEqual(HiddenPidsLimit.roundLimit(justAbove: 998), 1000)
        XCTAssertEqual(HiddenPidsLimit.roundLimit(justAbove: 1021), 1024, "the nearer round number wins")
        XCTAssertNil(HiddenPidsLimit.roundLimit(justAbove: 95), "5 short of 100 is not just under it")
        XCTAssertNil(HiddenPidsLimit.roundLimit(justAbove: 100), "a full level is a visible limit, not a guess")
    }

    /// A Debian VM that booted with ~241 MiB: threads-max 1930; its user's
    /// slice at systemd's 33 % of it; MemTotal as given.
    private func vmRecord(
        memTotalKb: Int, nproc: Int, sliceMax: Int = 636, uidTasks: Int = 636,
        kernel: String = "6.6.21-1.qubes.fc37.x86_64"
    ) throws -> LogRecord {
        let slice = "/user.slice/user-1000.slice"
        let line = """
            {"schema":1,"type":"failure","time":"2026-11-27T18:30:00.000Z","host":"browser","kernel":"\(kernel)","glibc":"2.36","arch":"x86_64",
             "process":{"pid":1420,"tid":1420,"ppid":1300,"uid":1000,"euid":1000,"comm":"firefox-esr"},
             "call":{"name":"pthread_create","errno":11,"errno_name":"EAGAIN"},
             "pid":{"pid_max":4194304,"threads_max":1930,"host_tasks":1012},
             "limits":{"nproc":{"soft":\(nproc),"hard":\(nproc)},"uid_tasks":\(uidTasks)},
             "container":{"cgroup_ns":4026531835,"user_ns":4026531837,"uid_map":[[0,0,4294967295]]},
             "cgroups":{"pids":[{"version":2,"path":"\(slice)/session-c1.scope","dir":"/sys/fs/cgroup\(slice)/session-c1.scope","max":"max","current":611,"events_max":9},
                                {"version":2,"path":"\(slice)","dir":"/sys/fs/cgroup\(slice)","max":\(sliceMax),"current":636,"events_max":0},
                                {"version":2,"path":"/user.slice","dir":"/sys/fs/cgroup/user.slice","max":"max","current":636,"events_max":0}],
                        "pids_mount":{"version":2,"mount":"/sys/fs/cgroup","root":"/"}},
             "memory":{"mem_total_kb":\(memTotalKb),"mem_available_kb":2150000,"overcommit_memory":0}}
            """
        return try LogRecord(jsonLine: Array(line.utf8))
    }

    func testAUserSliceSizedFromTheBootMemorySaysSoAndRaisesThreadsMaxFirst() throws {
        let verdict = classifier.classify(try vmRecord(memTotalKb: 3_962_144, nproc: 965))
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        XCTAssertTrue(verdict.evidence.contains { $0.contains("33 %") })
        let boot = try XCTUnwrap(verdict.evidence.first { $0.contains("computes at boot") })
        XCTAssertTrue(boot.contains("kernel.threads-max 1930"))
        XCTAssertTrue(boot.contains("RLIMIT_NPROC 965 is half of it"))
        XCTAssertTrue(boot.contains("memory hotplug"))
        XCTAssertTrue(verdict.advice[0].contains("`kernel.threads-max = 30954`"))
        XCTAssertTrue(verdict.advice[0].contains("nproc"))
        XCTAssertTrue(verdict.advice[0].contains("qubes-core-agent-linux pull 532"))
    }

    func testOnlyAQubesKernelGetsQubesAdvice() throws {
        let verdict = classifier.classify(
            try vmRecord(memTotalKb: 3_962_144, nproc: 965, kernel: "6.1.0-25-amd64"))
        XCTAssertTrue(verdict.advice[0].contains("kernel.threads-max = 30954"))
        XCTAssertFalse(verdict.advice.contains { $0.contains("Qubes") })
    }

    func testAThreadsMaxSomeoneWroteOrThatMatchesTheMemoryIsNotCalledTheBootValue() throws {
        // RLIMIT_NPROC not half of threads-max: threads-max may have been set.
        let set = classifier.classify(try vmRecord(memTotalKb: 3_962_144, nproc: 4096))
        XCTAssertEqual(set.id, .cgroupPidsLimit)
        XCTAssertFalse(set.evidence.contains { $0.contains("computes at boot") })
        // The memory it has is the memory it booted with.
        let same = classifier.classify(try vmRecord(memTotalKb: 260_000, nproc: 965))
        XCTAssertFalse(same.evidence.contains { $0.contains("computes at boot") })
    }

    func testTheBootRLimitNPROCOfAGrownMachineSaysWhereItCameFrom() throws {
        let verdict = classifier.classify(
            try vmRecord(memTotalKb: 3_962_144, nproc: 965, sliceMax: 100_000, uidTasks: 965))
        XCTAssertEqual(verdict.id, .rlimitNPROC)
        XCTAssertTrue(verdict.evidence.contains { $0.contains("computes at boot") })
        XCTAssertTrue(verdict.advice[0].contains("kernel.threads-max = 30954"))
    }
}
