import XCTest

@testable import ForkExplainCore

/// pidns_init_dead, cgroup_pids_limit, rlimit_nproc, map_count_limit,
/// rlimit_as and seccomp_or_policy: each positively and negatively.
final class DenialRuleTests: XCTestCase {
    let classifier = Classifier()

    func testDeadNamespaceInitIsNotMemory() throws {
        let verdict = classifier.classify(try Fixture.record("pidns-init-dead.jsonl"))
        XCTAssertEqual(verdict.id, .pidNamespaceInitDead)
        XCTAssertEqual(verdict.family, .denial)
        XCTAssertEqual(verdict.confidence, .high)
        XCTAssertEqual(verdict.bindingLimit.name, "PID namespace pid:[4026532177] (its init exited)")
        XCTAssertEqual(
            verdict.kernelRule, "kernel/pid.c alloc_pid(): namespace has no init (PIDNS_ADDING cleared) → -ENOMEM")
        XCTAssertTrue(try XCTUnwrap(verdict.misleadingNote).hasPrefix("ENOMEM here does not mean memory"))
        XCTAssertTrue(verdict.evidence.contains { $0.contains("0 tasks live in pid:[4026532177]") })
        XCTAssertTrue(verdict.advice.contains { $0.contains("unshare --fork --pid") })
    }

    func testNamespaceWithLiveTasksIsNotDead() throws {
        var record = try Fixture.record("pidns-init-dead.jsonl")
        record.pid?.childrenNsTasks = 3
        XCTAssertNotEqual(classifier.classify(record).id, .pidNamespaceInitDead)
    }

    func testSameNamespaceIsNotDead() throws {
        var record = try Fixture.record("pidns-init-dead.jsonl")
        let own = record.pid?.pidNs
        record.pid?.pidForChildrenNs = own
        XCTAssertNotEqual(classifier.classify(record).id, .pidNamespaceInitDead)
    }

    func testUncountedNamespaceWithENOMEMIsMedium() throws {
        var record = try Fixture.record("pidns-init-dead.jsonl")
        record.pid?.childrenNsTasks = nil
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .pidNamespaceInitDead)
        XCTAssertEqual(verdict.confidence, .medium)
    }

    func testThreadsAreNotJudgedByTheNamespaceRule() throws {
        var record = try Fixture.record("pidns-init-dead.jsonl")
        record.call = CallSnapshot(name: "pthread_create", errno: 11, errnoName: "EAGAIN")
        XCTAssertNotEqual(classifier.classify(record).id, .pidNamespaceInitDead)
    }

    func testCgroupLimitOnAParentLevel() throws {
        let verdict = classifier.classify(try Fixture.record("cgroup-pids-parent.jsonl"))
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        XCTAssertEqual(verdict.confidence, .high)
        XCTAssertEqual(verdict.bindingLimit.name, "cgroup pids /kubepods.slice/kubepods-pod7c1e.slice")
        XCTAssertEqual(
            verdict.evidence.first,
            "pids.current 1024 = pids.max 1024 in /sys/fs/cgroup/kubepods.slice/kubepods-pod7c1e.slice (cgroup /kubepods.slice/kubepods-pod7c1e.slice, v2)"
        )
        XCTAssertTrue(verdict.evidence.contains { $0.contains("a PARENT of the process's own cgroup") })
        XCTAssertTrue(
            verdict.advice.contains {
                $0.contains("echo 2048 > /sys/fs/cgroup/kubepods.slice/kubepods-pod7c1e.slice/pids.max")
            })
    }

    /// The holders are the PID namespace's: the failing process is named
    /// when it holds the most, and another process (perhaps in no way the
    /// cgroup's) never is; then the command counts every process under the
    /// level, its children's cgroups included.
    func testLeakAdviceNamesOnlyTheFailingProcess() throws {
        var record = try Fixture.record("cgroup-pids-parent.jsonl")
        XCTAssertTrue(
            classifier.classify(record).advice.contains {
                $0.hasPrefix("One process holds most of what pids.max of")
                    && $0.contains("java (pid 41) has 1012 threads")
            })
        record.top?.holders = [PIDHolder(pid: 1, comm: "process_api", uid: 0, threads: 14, zombies: 0)]
        let advice = classifier.classify(record).advice
        XCTAssertFalse(advice.contains { $0.contains("process_api") }, "\(advice)")
        XCTAssertTrue(
            advice.contains {
                $0.contains(
                    "-p \"$(cat $(find /sys/fs/cgroup/kubepods.slice/kubepods-pod7c1e.slice -name cgroup.procs) | paste -sd,)\""
                )
            }, "\(advice)")
    }

    /// Another process of the failing program (a worker of the same pool)
    /// is named: its threads are most likely the same cgroup's.
    func testLeakAdviceNamesAnotherCopyOfTheFailingProgram() throws {
        var record = try Fixture.record("cgroup-pids-parent.jsonl")
        // Read first: `top` is held out of line, set through its accessor.
        let comm = record.process?.comm
        record.top?.holders = [PIDHolder(pid: 77, comm: comm, uid: 0, threads: 900, zombies: 0)]
        let advice = classifier.classify(record).advice
        XCTAssertTrue(advice.contains { $0.contains("(pid 77) has 900 threads, 88 % of the 1024") }, "\(advice)")
    }

    func testSmallestFullLevelBinds() throws {
        var record = try Fixture.record("cgroup-pids-parent.jsonl")
        record.cgroups?.pids?[0].max = .value(1000)
        record.cgroups?.pids?[0].current = 1000
        let verdict = classifier.classify(record)
        XCTAssertEqual(
            verdict.bindingLimit.key, "cgroup_pids:/kubepods.slice/kubepods-pod7c1e.slice/cri-containerd-4f2a.scope")
        XCTAssertFalse(verdict.evidence.contains { $0.contains("PARENT") })
    }

    func testCgroupNotFullIsNotTheCause() throws {
        var record = try Fixture.record("cgroup-pids-parent.jsonl")
        record.cgroups?.pids?[1].current = 700
        record.cgroups?.pids?[1].eventsMax = 0
        XCTAssertNotEqual(classifier.classify(record).id, .cgroupPidsLimit)
    }

    func testRecentRefusalsNearTheLimitAreMedium() throws {
        var record = try Fixture.record("cgroup-pids-parent.jsonl")
        record.cgroups?.pids?[1].current = 1022
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        XCTAssertEqual(verdict.confidence, .medium)
    }

    func testRlimitNproc() throws {
        let verdict = classifier.classify(try Fixture.record("rlimit-nproc.jsonl"))
        XCTAssertEqual(verdict.id, .rlimitNPROC)
        XCTAssertEqual(verdict.confidence, .high)
        XCTAssertEqual(verdict.bindingLimit.name, "RLIMIT_NPROC of uid 61234")
        XCTAssertTrue(verdict.evidence[0].contains("uid 61234 has 4096 tasks"))
        XCTAssertTrue(verdict.evidence[0].contains("soft limit 4096"))
        XCTAssertTrue(verdict.evidence.contains { $0.contains("other containers") })
        XCTAssertTrue(verdict.advice.contains { $0.contains("LimitNPROC=") })
        XCTAssertTrue(try XCTUnwrap(verdict.misleadingNote).contains("EAGAIN"))
    }

    func testRootIsExemptFromRlimitNproc() throws {
        var record = try Fixture.record("rlimit-nproc.jsonl")
        record.limits?.nprocExempt = "root"
        XCTAssertNotEqual(classifier.classify(record).id, .rlimitNPROC)
    }

    func testRlimitNprocBelowTheLimit() throws {
        var record = try Fixture.record("rlimit-nproc.jsonl")
        record.limits?.uidTasks = 4095
        XCTAssertNotEqual(classifier.classify(record).id, .rlimitNPROC)
        record.limits?.uidTasks = 9999
        record.limits?.nproc?.soft = .unlimited
        XCTAssertNotEqual(classifier.classify(record).id, .rlimitNPROC)
    }

    func testMapCountLimitForThreads() throws {
        var record = try Fixture.record("cgroup-pids-parent.jsonl")
        record.cgroups = nil
        record.memory?.mapCount = 65_529
        record.memory?.maxMapCount = 65_530
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .mapCountLimit)
        XCTAssertTrue(verdict.evidence[0].contains("65529 mappings"))

        record.memory?.mapCount = 60_000
        XCTAssertNotEqual(classifier.classify(record).id, .mapCountLimit)
    }

    func testMapCountDoesNotApplyToFork() throws {
        var record = try Fixture.record("rlimit-nproc.jsonl")
        record.limits?.uidTasks = 10
        record.memory?.mapCount = 65_530
        XCTAssertNotEqual(classifier.classify(record).id, .mapCountLimit)
    }

    func testRlimitASForThreads() throws {
        var record = try Fixture.record("cgroup-pids-parent.jsonl")
        record.cgroups = nil
        record.limits?.as = RLimit(soft: .value(9_663_676_416))  // 9 GiB
        let verdict = classifier.classify(record)  // VmSize 9 GiB + 1 MiB stack
        XCTAssertEqual(verdict.id, .rlimitAS)
        XCTAssertEqual(verdict.bindingLimit.name, "RLIMIT_AS of pid 41")

        record.limits?.as = RLimit(soft: .value(10_737_418_240))  // 10 GiB
        XCTAssertNotEqual(classifier.classify(record).id, .rlimitAS)
    }

    func testEPERMIsPolicy() throws {
        var record = try Fixture.record("rlimit-nproc.jsonl")
        record.limits?.uidTasks = 10
        record.call = CallSnapshot(name: "clone", errno: 1, errnoName: "EPERM")
        record.call?.cloneFlags = 0x2000_0011  // CLONE_NEWPID | SIGCHLD
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .seccompOrPolicy)
        XCTAssertEqual(verdict.confidence, .medium)
        XCTAssertTrue(verdict.evidence.contains { $0.contains("0x20000011") })
    }

    func testEPERMFromPosixSpawnOnGlibc235IsBug29109() throws {
        var record = try Fixture.record("rlimit-nproc.jsonl")
        record.glibc = "2.35"
        record.call = CallSnapshot(name: "posix_spawn", errno: 1, errnoName: "EPERM")
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .rlimitNPROC, "the numbers decide, not the masked errno")
        XCTAssertEqual(verdict.confidence, .high)
        XCTAssertTrue(try XCTUnwrap(verdict.misleadingNote).contains("bug 29109"))

        record.limits?.uidTasks = 10
        // docs/kernel-facts.md §6.3: the 2.35 branch has the fix, so its EPERM may be real.
        let maybe = classifier.classify(record)
        XCTAssertEqual(maybe.id, .seccompOrPolicy)
        XCTAssertEqual(maybe.confidence, .low)
        XCTAssertTrue(maybe.evidence.contains { $0.contains("bug 29109") })
        record.glibc = "2.34"
        XCTAssertEqual(classifier.classify(record).id, .unexplained, "a masked EPERM is not a policy verdict")
    }

    func testENOENTIsUnexplained() throws {
        var record = try Fixture.record("rlimit-nproc.jsonl")
        record.limits?.uidTasks = 10
        record.call = CallSnapshot(name: "fork", errno: 12, errnoName: "ENOMEM")
        XCTAssertEqual(classifier.classify(record).id, .unexplained)
    }
}
