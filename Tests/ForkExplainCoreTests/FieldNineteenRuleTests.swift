import XCTest

@testable import ForkExplainCore

/// A fork refused in overcommit mode 0 on a kernel since 5.2 because one
/// private mapping of the parent is larger than RAM + swap
/// (docs/kernel-facts.md §11.91; Tests/scenarios/201 reproduces it), and a
/// Python fork under a pids limit told its worker count (§11.89).
final class FieldNineteenRuleTests: XCTestCase {
    let classifier = Classifier()

    /// python3's fork with VmData `dataKb` on 23.5 GiB and no swap (the
    /// numbers of scenario 201's record), on `kernel`, in overcommit `mode`.
    private func fork(dataKb: Int, kernel: String = "6.18.44", mode: Int = 0) throws -> LogRecord {
        let line = """
            {"schema":1,"type":"failure","time":"2026-11-28T10:10:34.215Z","host":"vm","kernel":"\(kernel)","glibc":"2.36","arch":"x86_64",
             "process":{"pid":15964,"tid":15964,"ppid":15962,"uid":0,"euid":0,"comm":"python3"},
             "call":{"name":"fork","errno":12,"errno_name":"ENOMEM"},
             "pid":{"pid_max":32768,"threads_max":192731,"host_tasks":90,"pid_ns":4026531836,"pid_for_children_ns":4026531836,"nspid":[15964]},
             "limits":{"nproc":{"soft":96365,"hard":96365},"nproc_exempt":"root","uid_tasks":90},
             "memory":{"mem_total_kb":24684100,"mem_available_kb":24080840,"mem_free_kb":20483956,"cached_kb":3512780,
                       "swap_total_kb":0,"swap_free_kb":0,"commit_limit_kb":12342048,"committed_as_kb":33621872,
                       "overcommit_memory":\(mode),"overcommit_ratio":50,"vm_size_kb":\(dataKb + 9448),"vm_data_kb":\(dataKb),
                       "map_count":55,"max_map_count":65530}}
            """
        return try LogRecord(jsonLine: Array(line.utf8))
    }

    func testAParentPastRAMAndSwapIsTheHeuristicsRefusal() throws {
        let verdict = classifier.classify(try fork(dataKb: 33_559_432))
        XCTAssertEqual(verdict.id, .commitLimit)
        XCTAssertEqual(verdict.confidence, .medium)
        XCTAssertEqual(verdict.bindingLimit.name, "overcommit heuristic (vm.overcommit_memory 0)")
        XCTAssertTrue(
            verdict.evidence.contains { $0.contains("VmData 32.0 GiB") && $0.contains("= 23.5 GiB") },
            "\(verdict.evidence)")
        XCTAssertTrue(verdict.advice[0].contains("`sysctl -w vm.overcommit_memory=1`"), "\(verdict.advice)")
        XCTAssertTrue(verdict.advice[1].contains("posix_spawn"), "\(verdict.advice)")
    }

    /// A parent that fits RAM + swap is not refused by size in mode 0.
    func testAParentThatFitsIsNotTheHeuristic() throws {
        XCTAssertNotEqual(classifier.classify(try fork(dataKb: 9_000_000)).id, .commitLimit)
    }

    /// Before 5.2 the old heuristic's free estimate decides, not RAM + swap.
    func testAnOldKernelKeepsTheOldHeuristic() throws {
        let verdict = classifier.classify(try fork(dataKb: 33_559_432, kernel: "4.19.0"))
        XCTAssertEqual(verdict.id, .commitLimit)
        XCTAssertTrue(verdict.evidence.contains { $0.contains("before v5.2") }, "\(verdict.evidence)")
    }

    /// Mode 1 never refuses: the size says nothing there.
    func testModeOneIsNotTheHeuristic() throws {
        XCTAssertNotEqual(classifier.classify(try fork(dataKb: 33_559_432, mode: 1)).id, .commitLimit)
    }

    /// python3's fork refused by a full v1 pids cgroup of 9 (scenario 199),
    /// by `call` (a fork is a worker; posix_spawn starts a program).
    private func pythonRefused(call: String = "fork", comm: String = "python3") throws -> LogRecord {
        let line = """
            {"schema":1,"type":"failure","time":"2026-11-28T10:32:30.000Z","host":"vm","kernel":"6.18.44","glibc":"2.36","arch":"x86_64",
             "process":{"pid":9260,"tid":9260,"ppid":9250,"uid":0,"euid":0,"comm":"\(comm)"},
             "call":{"name":"\(call)","errno":11,"errno_name":"EAGAIN"},
             "pid":{"pid_max":32768,"threads_max":192731,"host_tasks":120,"pid_ns":4026531836,"pid_for_children_ns":4026531836,"nspid":[9260]},
             "limits":{"nproc":{"soft":96365,"hard":96365},"nproc_exempt":"root","uid_tasks":120},
             "cgroups":{"pids":[{"version":1,"path":"/pool","dir":"/sys/fs/cgroup/pids/pool","max":9,"current":9,"events_max":1}]}}
            """
        return try LogRecord(jsonLine: Array(line.utf8))
    }

    /// §11.89: the worker count against the limit, the leak count kept.
    func testAPythonForkIsToldItsWorkerCount() throws {
        let verdict = classifier.classify(try pythonRefused())
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        XCTAssertTrue(verdict.evidence.contains { $0.contains("the failing process is Python forking") })
        XCTAssertTrue(verdict.advice[1].contains("`Pool(processes=5)`"), "\(verdict.advice)")
        XCTAssertTrue(verdict.advice.contains { $0.contains("for a leak") }, "\(verdict.advice)")
    }

    /// subprocess's posix_spawn starts a program, not a worker; and a
    /// program that is not python keeps the generic advice.
    func testOnlyAPythonForkIsAWorker() throws {
        for record in [try pythonRefused(call: "posix_spawn"), try pythonRefused(comm: "fx-holder-138")] {
            let verdict = classifier.classify(record)
            XCTAssertEqual(verdict.id, .cgroupPidsLimit)
            XCTAssertFalse(verdict.advice.contains { $0.contains("Pool(processes=") }, "\(verdict.advice)")
        }
    }
}
