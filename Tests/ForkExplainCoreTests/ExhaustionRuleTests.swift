import XCTest

@testable import ForkExplainCore

/// pid_max, threads_max and the errno each kernel gives for them.
final class ExhaustionRuleTests: XCTestCase {
    let classifier = Classifier()

    func testFoundingCaseENOMEMOnKernel310IsPidMax() throws {
        let verdict = classifier.classify(try Fixture.record("centos7-pid-max.jsonl"))
        XCTAssertEqual(verdict.id, .pidMax)
        XCTAssertEqual(verdict.family, .pidExhaustion)
        XCTAssertEqual(verdict.confidence, .high)
        XCTAssertEqual(verdict.bindingLimit.name, "kernel.pid_max (host)")
        XCTAssertEqual(
            verdict.misleadingNote,
            "ENOMEM here does not mean memory: on kernel 3.10.0 PID exhaustion is reported as ENOMEM (kernel/pid.c alloc_pid(), fixed in v4.1)."
        )
        XCTAssertTrue(verdict.kernelRule.contains("-ENOMEM on kernel 3.10.0"))
        XCTAssertTrue(verdict.evidence[0].hasPrefix("32491 tasks on the host"))
        XCTAssertTrue(
            verdict.evidence[0].contains(
                "against pid_max 32768 (/proc/sys/kernel/pid_max): 32468 or more in use exhausts it"))
        XCTAssertTrue(verdict.evidence.contains { $0.contains("java (pid 20417): 14212 threads") })
        XCTAssertTrue(verdict.advice.contains { $0.contains("sysctl -w kernel.pid_max=") })
    }

    func testThreadCreationInTheFoundingCaseIsPidMaxToo() throws {
        let java = try XCTUnwrap(Fixture.records("centos7-pid-max.jsonl").dropFirst().first)
        let verdict = classifier.classify(java)
        XCTAssertEqual(verdict.id, .pidMax)
        XCTAssertEqual(verdict.confidence, .high, "pthread_create reports EAGAIN on every kernel")
    }

    func testJustBelowTheExhaustionPointIsPidMaxAtMediumConfidence() throws {
        var record = try Fixture.record("centos7-pid-max.jsonl")
        record.pid?.hostTasks = 31_470  // 96 % of pid_max, 97 % of pid_max − 300
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .pidMax)
        XCTAssertEqual(verdict.confidence, .medium)
        XCTAssertTrue(verdict.evidence.contains { $0.contains("998 short of it") }, "\(verdict.evidence)")
        XCTAssertTrue(try XCTUnwrap(verdict.misleadingNote).contains("ENOMEM here does not mean memory"))
    }

    func testFarBelowTheExhaustionPointIsNotPidMax() throws {
        var record = try Fixture.record("centos7-pid-max.jsonl")
        record.pid?.hostTasks = 30_000
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .unexplained)
        XCTAssertEqual(verdict.evidence.first, "kernel.pid_max: 30000 of 32468 (92 %)")
    }

    func testNearAndWrongErrnoIsNoVerdict() throws {
        var record = try Fixture.record("centos7-pid-max.jsonl")
        record.pid?.hostTasks = 31_470
        record.kernel = "5.10.0-28-amd64"  // says EAGAIN for PID exhaustion, and the count fell short
        XCTAssertEqual(classifier.classify(record).id, .unexplained)
    }

    func testSUSE312SaysEAGAINForPidExhaustion() throws {
        var record = try Fixture.record("centos7-pid-max.jsonl")
        record.call = CallSnapshot(name: "fork", errno: 11, errnoName: "EAGAIN")
        record.kernel = "3.12.74-60.64.40-default"
        let suse = classifier.classify(record)
        XCTAssertEqual(suse.id, .pidMax)
        XCTAssertEqual(suse.confidence, .high, "release and errno agree")
        XCTAssertTrue(suse.kernelRule.contains("SUSE"))
        record.kernel = "3.12.74"  // mainline 3.12 said ENOMEM
        XCTAssertEqual(classifier.classify(record).confidence, .medium)
        record.kernel = "3.10.0-1160.el7.x86_64"
        XCTAssertEqual(classifier.classify(record).confidence, .medium)
    }

    func testNestedNamespaceOn614DoesNotVouchForTheHost() throws {
        var record = try Fixture.record("cgroup-pids-parent.jsonl")
        record.cgroups = nil
        record.kernel = "6.18.0"
        record.pid?.pidMax = PIDSpace.pidMaxLimit
        record.pid?.nsTasks = 40
        record.pid?.hostTasks = 32_400  // the host's pid_max (maybe 32768) is not in the record
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .unexplained)
        XCTAssertFalse(verdict.evidence.contains { $0.hasPrefix("kernel.pid_max") }, "\(verdict.evidence)")
        XCTAssertTrue(
            verdict.evidence.contains { $0.contains("host's kernel.pid_max, which binds as well, is not visible") })
        XCTAssertFalse(Headroom.usages(of: record).contains { $0.limit == .pidMax && $0.scope == "host" })
    }

    func testWrongErrnoForTheKernelLowersConfidence() throws {
        var record = try Fixture.record("centos7-pid-max.jsonl")
        record.kernel = "5.10.0-28-amd64"  // reports pid exhaustion as EAGAIN, not ENOMEM
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .pidMax)
        XCTAssertEqual(verdict.confidence, .medium)
        XCTAssertTrue(
            verdict.evidence.contains {
                $0.hasPrefix("errno ENOMEM is not what this cause gives fork on kernel 5.10.0-28-amd64")
                    && $0.contains("expected EAGAIN")
            })
    }

    func testENOSPCOnKernel418IsExpected() throws {
        var record = try Fixture.record("centos7-pid-max.jsonl")
        record.kernel = "4.18.0-553.el8_10.x86_64"
        record.call = CallSnapshot(name: "fork", errno: 28, errnoName: "ENOSPC")
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .pidMax)
        XCTAssertEqual(verdict.confidence, .high)
        XCTAssertTrue(try XCTUnwrap(verdict.misleadingNote).contains("not about disks"))
    }

    func testNestedNamespacePidMax() throws {
        var record = try Fixture.record("cgroup-pids-parent.jsonl")
        record.cgroups = nil
        record.pid?.pidMax = 1024
        record.pid?.nsTasks = 1000
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .pidMax)
        XCTAssertEqual(verdict.bindingLimit.name, "pid_max of PID namespace pid:[4026532901]")
        XCTAssertEqual(verdict.summary, "PID exhaustion in PID namespace pid:[4026532901]")
        XCTAssertTrue(verdict.advice.contains { $0.contains("Linux ≥ 6.14") })

        record.pid?.nsTasks = 600
        record.pid?.hostTasks = 600
        XCTAssertNotEqual(classifier.classify(record).id, .pidMax)
    }

    /// A namespace filled by a fork loop: every holder holds one PID, so
    /// "stop" the top three (init among them) frees nothing; the advice is
    /// to find who started the many, and the namespace's limit is raised
    /// from inside it or, from the host, through nsenter.
    func testManySmallHoldersPointAtTheirParentNotAtTheTopThree() throws {
        var record = try Fixture.record("cgroup-pids-parent.jsonl")
        record.cgroups = nil
        record.pid?.pidMax = 400
        record.pid?.nsTasks = 398
        record.pid?.nsLowTasks = 298
        record.top = TopSnapshot(holders: [
            PIDHolder(pid: 1, comm: "forkexplain", threads: 1), PIDHolder(pid: 2, comm: "spawn.sh", threads: 1),
        ])
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .pidMax)
        XCTAssertFalse(verdict.advice.contains { $0.contains("Find and stop") }, "\(verdict.advice)")
        XCTAssertTrue(
            verdict.advice.contains {
                $0.hasPrefix("No one process holds many PIDs (the most, forkexplain (pid 1), holds 1 of 398)")
                    && $0.contains("`ps -e -o ppid= | sort | uniq -c | sort -rn | head`")
            }, "\(verdict.advice)")
        XCTAssertTrue(
            verdict.advice.contains {
                $0.contains("`nsenter --target PID --pid -- sh -c 'echo 1048576 > /proc/sys/kernel/pid_max'`")
            }, "\(verdict.advice)")
        // A holder of many threads is still named, to stop; one that holds
        // most of the tasks, alone with its share (§11.174).
        record.top = TopSnapshot(holders: [PIDHolder(pid: 9, comm: "java", threads: 300)])
        XCTAssertTrue(
            classifier.classify(record).advice.contains {
                $0.hasPrefix("One process holds most of them: java (pid 9) has 300 threads, 75 % of the 398")
            })
        record.top = TopSnapshot(holders: [PIDHolder(pid: 9, comm: "java", threads: 150)])
        XCTAssertTrue(
            classifier.classify(record).advice.contains { $0.hasPrefix("Find and stop what holds the PIDs: java") })
    }

    /// One zombie of some process is a parent between a child's exit and
    /// its wait(): no reason to put reaping first (seen under a container's
    /// hidden limit, naming a compiler on the host).
    func testOneZombieIsNoReasonToReapFirst() throws {
        var record = try Fixture.record("centos7-pid-max.jsonl")
        record.top = TopSnapshot(holders: [PIDHolder(pid: 14102, comm: "swiftc", threads: 9, zombies: 1)])
        record.top?.zombies = 1
        XCTAssertFalse(classifier.classify(record).advice.contains { $0.contains("eap") }, "one zombie")
        XCTAssertNil(HolderEvidence.reapAdvice(record.top, tasks: 12))
        record.top = TopSnapshot(holders: [PIDHolder(pid: 7, comm: "launcher", threads: 2, zombies: 6)])
        XCTAssertNotNil(HolderEvidence.reapAdvice(record.top, tasks: 12))
        XCTAssertNil(HolderEvidence.reapAdvice(record.top, tasks: 32_000))
    }

    func testZombiesAndTheirParentAreNamed() throws {
        var record = try Fixture.record("centos7-pid-max.jsonl")
        record.top = TopSnapshot(holders: [PIDHolder(pid: 1, comm: "node", threads: 11, zombies: 31_000)])
        record.top?.zombies = 31_000
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .pidMax)
        XCTAssertTrue(
            verdict.evidence.contains {
                $0 == "31000 zombies hold PIDs (top.zombies); not reaping: node (pid 1, 31000 unreaped)"
            })
    }

    func testThreadsMax() throws {
        var record = try Fixture.record("rlimit-nproc.jsonl")
        record.limits?.uidTasks = 10
        record.pid?.threadsMax = 5_000
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .threadsMax)
        XCTAssertEqual(verdict.confidence, .high)

        record.pid?.threadsMax = 255_034
        XCTAssertNotEqual(classifier.classify(record).id, .threadsMax)
    }

    func testExpectedErrnoTable() throws {
        var record = try Fixture.record("rlimit-nproc.jsonl")
        func expected(_ call: String, kernel: String, glibc: String = "2.36") -> Set<String>? {
            record.call = CallSnapshot(name: call)
            record.kernel = kernel
            record.glibc = glibc
            return ExpectedErrno.names(for: .pidNumbersExhausted, in: FailureContext(record: record))
        }
        XCTAssertEqual(expected("fork", kernel: "3.10.0-1127.el7.x86_64"), ["ENOMEM"])
        XCTAssertEqual(expected("fork", kernel: "4.1.0"), ["EAGAIN"])
        XCTAssertEqual(expected("fork", kernel: "4.15.0-20-generic"), ["ENOSPC"])
        XCTAssertEqual(expected("vfork", kernel: "4.19.0"), ["EAGAIN"])
        XCTAssertEqual(expected("pthread_create", kernel: "3.10.0"), ["EAGAIN"])
        XCTAssertEqual(expected("popen", kernel: "6.1.0"), ["ENOMEM"])
        // docs/kernel-facts.md §6.1: only 2.29–2.37 hide the errno behind ENOMEM.
        XCTAssertEqual(expected("popen", kernel: "6.1.0", glibc: "2.38"), ["EAGAIN"])
        XCTAssertEqual(expected("popen", kernel: "3.10.0", glibc: "2.17"), ["ENOMEM"])
        XCTAssertEqual(expected("popen", kernel: "5.4.0", glibc: "2.28"), ["EAGAIN"])
        XCTAssertEqual(expected("popen", kernel: "5.4.0", glibc: "2.29"), ["ENOMEM"])
        XCTAssertEqual(expected("fork", kernel: "3.12.74-60.64.40-default"), ["EAGAIN", "ENOMEM"])
        XCTAssertEqual(expected("fork", kernel: "3.12.74"), ["ENOMEM"])
        XCTAssertEqual(expected("posix_spawn", kernel: "6.1.0", glibc: "2.35"), ["EPERM", "EAGAIN"], "§6.3")
        XCTAssertEqual(expected("posix_spawn", kernel: "6.1.0", glibc: "2.34"), ["EPERM"])
        XCTAssertEqual(expected("system", kernel: "6.1.0", glibc: "2.34"), ["EPERM"])
        XCTAssertEqual(expected("posix_spawn", kernel: "6.1.0", glibc: "2.36"), ["EAGAIN"])
    }
}
