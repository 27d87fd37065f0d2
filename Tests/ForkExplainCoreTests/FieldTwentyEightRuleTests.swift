import XCTest

@testable import ForkExplainCore

/// The twenty-eighth field audit's misreads (docs/kernel-facts.md
/// §11.175–§11.177, scenarios 271–272): a pid_max of 32768 that a large
/// machine has outgrown, read as one program's pool to cap; a small VM's
/// own threads-max, read as something to find and stop; a login account
/// whose uid containers run as, told to change "this daemon" only.
final class FieldTwentyEightRuleTests: XCTestCase {
    let classifier = Classifier()

    /// A host record: pid_max, threads-max and tasks, top's processes and
    /// holders, RLIMIT_NPROC and MemTotal as given.
    private func record(
        comm: String, uid: Int, pidMax: Int, threadsMax: Int, tasks: Int, processes: Int, holders: String,
        nproc: Int, uidTasks: Int, otherPidns: Int = 0, memKb: Int
    ) throws -> LogRecord {
        // The shim marks root's fork as exempt from RLIMIT_NPROC (kernel/fork.c: INIT_USER).
        let exempt = uid == 0 ? ",\"nproc_exempt\":\"root\"" : ""
        let line = """
            {"schema":1,"type":"failure","time":"2026-11-29T18:00:00.000Z","host":"h","kernel":"4.14.11-300.fc27.x86_64","glibc":"2.26","arch":"x86_64",
             "process":{"pid":900,"tid":900,"ppid":899,"uid":\(uid),"euid":\(uid),"comm":"\(comm)"},
             "call":{"name":"fork","errno":11,"errno_name":"EAGAIN"},
             "pid":{"pid_max":\(pidMax),"threads_max":\(threadsMax),"host_tasks":\(tasks),"pid_ns":4026531836,"pid_for_children_ns":4026531836,"nspid":[900]},
             "limits":{"nproc":{"soft":\(nproc),"hard":\(nproc)},"uid_tasks":\(uidTasks),"uid_tasks_other_pidns":\(otherPidns)\(exempt)},
             "container":{"cgroup_ns":4026531835,"user_ns":4026531837,"uid_map":[[0,0,4294967295]]},
             "memory":{"mem_total_kb":\(memKb),"mem_available_kb":\(memKb / 2),"overcommit_memory":0},
             "top":{"complete":true,"processes":\(processes),"zombies":0,"holders":[\(holders)]}}
            """
        return try LogRecord(jsonLine: Array(line.utf8))
    }

    private func holders(_ comm: String, threads: Int, count: Int = 8) -> String {
        (0..<count).map { "{\"pid\":\(3000 + $0),\"comm\":\"\(comm)\",\"uid\":0,\"threads\":\(threads),\"zombies\":0}" }
            .joined(separator: ",")
    }

    /// Root's fork on a host at pid_max (or not): its own uid holds every task.
    private func rootFork(
        pidMax: Int = 32768, threadsMax: Int, tasks: Int = 32468, processes: Int, holders: String, memKb: Int
    ) throws -> Verdict {
        classifier.classify(
            try record(
                comm: "bash", uid: 0, pidMax: pidMax, threadsMax: threadsMax, tasks: tasks, processes: processes,
                holders: holders, nproc: 514_513, uidTasks: tasks, memKb: memKb))
    }

    /// rkt's kvm guest at threads-max 1926, pid 1's fork, MemTotal as given.
    private func kvmGuestFork(memKb: Int) throws -> Verdict {
        classifier.classify(
            try record(
                comm: "systemd", uid: 0, pidMax: 32768, threadsMax: 1926, tasks: 1926, processes: 170,
                holders: holders("etcd", threads: 40), nproc: 963, uidTasks: 1700, memKb: memKb))
    }

    /// systemd/systemd#7879: 120 nspawn containers of about 270 threads on
    /// a 128 GB Fedora 27 host, pid_max 32768, "around 3000 tasks reported
    /// by top". Before: "Cap the program's threads first: 8 of the 8 top
    /// holders are mysqld processes of 30 threads each", the raise second.
    func testOutgrownDefaultPidMaxIsRaisedFirst() throws {
        let verdict = try rootFork(
            threadsMax: 1_029_027, processes: 3308, holders: holders("mysqld", threads: 30), memKb: 131_715_440)
        XCTAssertEqual(verdict.id, .pidMax)
        let first = try XCTUnwrap(verdict.advice.first)
        XCTAssertTrue(
            first.hasPrefix(
                "Raise the host limit first: pid_max 32768 is the kernel's old default, and this machine's memory allows 1029027 tasks (kernel.threads-max), 31 times as many"
            ), first)
        XCTAssertTrue(first.contains("`sysctl -w kernel.pid_max=4194304`"), first)
        XCTAssertTrue(verdict.advice[1].hasPrefix("Then see whether one program's pool grew: 8 of the 8 top holders"))
        XCTAssertEqual(verdict.advice.filter { $0.contains("sysctl -w kernel.pid_max=") }.count, 1, "\(verdict.advice)")
        XCTAssertTrue(
            verdict.evidence.contains {
                $0.hasPrefix("3308 processes hold these 32468 tasks (top.processes), 9 threads each on average")
            }, "\(verdict.evidence)")
    }

    /// The same pool on a machine whose memory allows fewer than eight
    /// times pid_max (under 32 GB), or a pid_max someone raised, keeps the
    /// pool first (kata runtime#807, §11.171); one process that holds most
    /// is named first whatever the machine (jsmpp#93, §11.174).
    func testPoolOrOneHolderStayFirstWhereTheDefaultIsNotOutgrown() throws {
        let small = try rootFork(
            threadsMax: 200_000, processes: 3308, holders: holders("mysqld", threads: 30), memKb: 25_600_000)
        XCTAssertTrue(small.advice[0].hasPrefix("Cap the program's threads first"), "\(small.advice)")
        let raised = try rootFork(
            pidMax: 90122, threadsMax: 3_090_000, tasks: 89822, processes: 3600,
            holders: holders("kata-proxy", threads: 88), memKb: 395_900_000)
        XCTAssertTrue(raised.advice[0].hasPrefix("Cap the program's threads first"), "\(raised.advice)")
        let one = try rootFork(
            threadsMax: 1_029_027, processes: 400, holders: holders("java", threads: 30620, count: 1),
            memKb: 131_715_440)
        XCTAssertTrue(one.advice[0].hasPrefix("One process holds most of them"), "\(one.advice)")
        XCTAssertFalse(one.advice.contains { $0.hasPrefix("Raise the host limit first") })
    }

    /// Processes that hold a thread or two each: no line about threads.
    func testFewThreadsPerProcessNoProcessesLine() throws {
        let verdict = try rootFork(
            threadsMax: 1_029_027, processes: 30000, holders: holders("sh", threads: 1), memKb: 131_715_440)
        XCTAssertFalse(verdict.evidence.contains { $0.contains("(top.processes)") }, "\(verdict.evidence)")
    }

    /// rkt/rkt#3382: rkt's kvm stage1, threads-max 1926 and init's
    /// RLIMIT_NPROC 963 in a VM of 241 MiB. Before: "Find and stop what
    /// holds the threads" first and threads-max doubled, nothing of the
    /// memory that sets both.
    func testSmallMachinesOwnThreadsMaxLeadsWithItsMemory() throws {
        let verdict = try kvmGuestFork(memKb: 246_528)
        XCTAssertEqual(verdict.id, .threadsMax)
        XCTAssertTrue(verdict.advice[0].hasPrefix("Give the machine more memory"), "\(verdict.advice)")
        XCTAssertTrue(verdict.advice[0].contains("`kernel.threads-max = 7704`"), verdict.advice[0])
        XCTAssertFalse(verdict.advice.contains { $0.hasPrefix("Raise the limit: `sysctl") }, "\(verdict.advice)")
        XCTAssertTrue(
            verdict.evidence.contains {
                $0.hasPrefix(
                    "kernel.threads-max 1926 is what the kernel computes at boot for this machine's MemTotal of 240.8 MiB"
                )
                    && $0.contains("RLIMIT_NPROC 963 is half of it")
            }, "\(verdict.evidence)")
        // A threads-max someone set below the memory's value is no small machine.
        // One process that holds most of the threads stays first.
        let one = classifier.classify(
            try record(
                comm: "java", uid: 0, pidMax: 32768, threadsMax: 1926, tasks: 1926, processes: 60,
                holders: holders("java", threads: 1800, count: 1), nproc: 963, uidTasks: 1926, memKb: 246_528))
        XCTAssertTrue(
            one.advice[0].hasPrefix("One process holds most of what kernel.threads-max counts: java (pid 3000)"),
            "\(one.advice)")
        XCTAssertTrue(one.advice[1].hasPrefix("Give the machine more memory"), "\(one.advice)")
        let set = try kvmGuestFork(memKb: 8_000_000)
        // Without the small machine, the pool in the eight etcd leads (§11.183).
        XCTAssertTrue(set.advice[0].hasPrefix("Cap the program's threads first: 8 etcd processes"), "\(set.advice)")
        XCTAssertTrue(set.advice[1].hasPrefix("Find and stop what holds the threads"), "\(set.advice)")
    }

    /// moby#42069: uid 1000 is the host's login `ansible` and the uid of
    /// 30 containers' processes; `sudo -u ansible bash` cannot fork. Before:
    /// the fix named "this daemon" and its unit only.
    func testSharedUidOfALoginAccountSaysHowToMoveEither() throws {
        let verdict = classifier.classify(
            try record(
                comm: "bash", uid: 1000, pidMax: 32768, threadsMax: 250_000, tasks: 4900, processes: 60,
                holders: holders("java", threads: 144), nproc: 4096, uidTasks: 4336, otherPidns: 4335,
                memKb: 32_780_000))
        XCTAssertEqual(verdict.id, .rlimitNPROC)
        XCTAssertTrue(verdict.advice[0].contains("Containers run as uid 1000 too (4335 of its tasks)"))
        XCTAssertTrue(
            verdict.advice[0].contains(
                "When uid 1000 is a login account of this host (`getent passwd 1000`), its logins, ssh and `sudo -u` stop too"
            ), verdict.advice[0])
        XCTAssertTrue(verdict.advice[0].contains("`usermod -u NEW NAME`"), verdict.advice[0])
    }
}
