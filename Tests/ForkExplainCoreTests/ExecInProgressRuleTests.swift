import XCTest

@testable import ForkExplainCore

/// A thread refused while another thread of the process was in execve
/// (docs/kernel-facts.md §11.210; llvm/llvm-project#63841, golang/go#49438,
/// oven-sh/bun#40978): no limit full, the shim's exec wrappers saw the exec.
final class ExecInProgressRuleTests: XCTestCase {
    let classifier = Classifier()

    private func record(call: String, flags: String = "", execs: Int?, tasks: Int = 143, nproc: Int = 95_000) throws
        -> LogRecord
    {
        let execField = execs.map { ",\"execs_in_flight\":\($0)" } ?? ""
        let line = """
            {"schema":1,"type":"failure","time":"2026-11-29T21:36:51.098Z","host":"vm","kernel":"6.18.44","glibc":"2.36","arch":"x86_64",
             "process":{"pid":4641,"tid":4641,"ppid":4637,"uid":1000,"euid":1000,"comm":"bun"},
             "call":{"name":"\(call)","errno":11,"errno_name":"EAGAIN"\(flags)\(execField)},
             "pid":{"pid_max":32768,"threads_max":192729,"host_tasks":\(tasks),"pid_ns":4026531836,"pid_for_children_ns":4026531836,"nspid":[4641]},
             "limits":{"nproc":{"soft":\(nproc),"hard":\(nproc)},"uid_tasks":40,"uid_tasks_other_pidns":0},
             "memory":{"mem_total_kb":24000000,"mem_available_kb":22000000,"overcommit_memory":0}}
            """
        return try LogRecord(jsonLine: Array(line.utf8))
    }

    /// Before: "unexplained, no limit matches". Now the exec is named, and
    /// the fix is a retry around it, not a raise.
    func testThreadRefusedDuringExecNamesTheExec() throws {
        let verdict = classifier.classify(try record(call: "pthread_create", execs: 1))
        XCTAssertEqual(verdict.id, .execInProgress)
        XCTAssertEqual(verdict.id.family, .denial)
        XCTAssertEqual(verdict.bindingLimit.key, "exec_in_progress")
        XCTAssertTrue(verdict.kernelRule.contains("copy_fs()"), verdict.kernelRule)
        XCTAssertTrue(verdict.evidence[0].hasPrefix("1 execve of this process in flight"), verdict.evidence[0])
        XCTAssertTrue(verdict.advice[0].hasPrefix("Retry the thread creation on EAGAIN"), verdict.advice[0])
    }

    /// Without the shim's mark the same numbers stay unexplained.
    func testNoExecMarkStaysUnexplained() throws {
        XCTAssertEqual(classifier.classify(try record(call: "pthread_create", execs: nil)).id, .unexplained)
    }

    /// A clone without CLONE_FS (a fork-like one) does not share the
    /// fs_struct: copy_fs() never refuses it, whatever was in flight.
    func testCloneWithoutCloneFSIsNotTheExec() throws {
        let forkLike = try record(call: "clone", flags: ",\"clone_flags\":17", execs: 1)
        XCTAssertNotEqual(classifier.classify(forkLike).id, .execInProgress)
        let threadLike = try record(call: "clone", flags: ",\"clone_flags\":\(0x3d0f00)", execs: 1)
        XCTAssertEqual(classifier.classify(threadLike).id, .execInProgress)
    }

    /// RLIMIT_NPROC is checked before copy_fs(): when it is full it binds,
    /// and the exec is only what else was true.
    func testFullNPROCBindsFirst() throws {
        let verdict = classifier.classify(try record(call: "pthread_create", execs: 1, nproc: 40))
        XCTAssertEqual(verdict.id, .rlimitNPROC)
    }
}
