import XCTest

@testable import ForkExplainCore

/// What the fifteenth field audit added (scenarios 190–191): a thread stack
/// larger than RAM + swap under the overcommit heuristic
/// (docs/kernel-facts.md §11.73), and a raised stack against RLIMIT_AS or
/// the commit limit, where the stack, not the limit, leads the advice (§11.74).
final class FieldFifteenRuleTests: XCTestCase {
    let classifier = Classifier()

    /// CPython's first thread under `ulimit -s STACK` (KiB) with `as`
    /// (bytes, or "unlimited") and overcommit `mode`, on 16 GiB and no swap.
    private func python(
        stackKb: Int64, as limit: String = "\"unlimited\"", mode: Int = 0, vmSizeKb: Int = 30_000,
        committedKb: Int = 2_000_000
    ) throws -> LogRecord {
        let line = """
            {"schema":1,"type":"failure","time":"2026-11-28T03:30:00.000Z","host":"hpc","kernel":"6.1.0-13-amd64","glibc":"2.36","arch":"x86_64",
             "process":{"pid":4100,"tid":4100,"ppid":4000,"uid":1000,"euid":1000,"comm":"python3"},
             "call":{"name":"pthread_create","errno":11,"errno_name":"EAGAIN","stack_size_bytes":\(stackKb * 1024)},
             "pid":{"pid_max":4194304,"threads_max":126980,"host_tasks":300,"pid_ns":4026531836,"pid_for_children_ns":4026531836,"nspid":[4100]},
             "limits":{"nproc":{"soft":63000,"hard":63000},"as":{"soft":\(limit),"hard":\(limit)},"stack":{"soft":\(stackKb * 1024),"hard":"unlimited"},"uid_tasks":12},
             "container":{"cgroup_ns":4026531835,"user_ns":4026531837,"uid_map":[[0,0,4294967295]],"markers":[]},
             "memory":{"mem_total_kb":16250000,"mem_available_kb":15000000,"mem_free_kb":14000000,"cached_kb":900000,
                       "swap_total_kb":0,"swap_free_kb":0,"commit_limit_kb":8125000,"committed_as_kb":\(committedKb),
                       "overcommit_memory":\(mode),"overcommit_ratio":50,"vm_size_kb":\(vmSizeKb),"vm_data_kb":9000}}
            """
        return try LogRecord(jsonLine: Array(line.utf8))
    }

    func testAStackPastRAMAndSwapIsTheHeuristicsRefusal() throws {
        let verdict = classifier.classify(try python(stackKb: 32 << 20))
        XCTAssertEqual(verdict.id, .commitLimit)
        XCTAssertEqual(verdict.confidence, .high)
        XCTAssertEqual(verdict.bindingLimit.name, "overcommit heuristic (vm.overcommit_memory 0)")
        XCTAssertTrue(
            verdict.evidence.contains { $0.contains("the thread stack 32.0 GiB") && $0.contains("= 15.5 GiB") },
            "\(verdict.evidence)")
        XCTAssertTrue(verdict.advice[0].contains("`ulimit -s 8192`"), "\(verdict.advice)")
        XCTAssertFalse(verdict.advice.contains { $0.contains("posix_spawn") })
        // overcommit 1 lets the mapping through, but it is the last resort.
        XCTAssertTrue(verdict.advice.last?.contains("vm.overcommit_memory=1") == true, "\(verdict.advice)")
    }

    /// Just below RAM + swap the heuristic lets it through: not this verdict.
    func testAStackThatFitsIsNotTheHeuristic() throws {
        let verdict = classifier.classify(try python(stackKb: 15 << 20))
        XCTAssertNotEqual(verdict.id, .commitLimit)
    }

    /// Mode 1 never refuses a mapping; mode 2 has its own rule.
    func testOnlyTheHeuristicModeRefusesBySize() throws {
        XCTAssertNotEqual(classifier.classify(try python(stackKb: 32 << 20, mode: 1)).id, .commitLimit)
    }

    /// Strict accounting: a thread's commit is its stack, and the fork
    /// advice (posix_spawn) does not apply to a thread.
    func testStrictModeThreadAdviceIsTheStack() throws {
        let verdict = classifier.classify(try python(stackKb: 1 << 20, mode: 2, committedKb: 7_500_000))
        XCTAssertEqual(verdict.id, .commitLimit)
        XCTAssertTrue(verdict.advice[0].contains("`ulimit -s 8192`"), "\(verdict.advice)")
        XCTAssertTrue(verdict.advice.contains { $0.contains("vm.overcommit_ratio") })
        XCTAssertFalse(verdict.advice.contains { $0.contains("posix_spawn") })
    }

    /// A batch job: 600 MiB stacks under a 1 GiB RLIMIT_AS.
    func testARaisedStackLeadsUnderRLIMIT_AS() throws {
        let verdict = classifier.classify(
            try python(stackKb: 600 << 10, as: "1073741824", vmSizeKb: 650_000))
        XCTAssertEqual(verdict.id, .rlimitAS)
        XCTAssertTrue(
            verdict.evidence.contains {
                $0.contains("75 times the usual 8 MiB") && $0.contains("holds at most 1 such stacks")
            },
            "\(verdict.evidence)")
        XCTAssertTrue(verdict.advice[0].contains("`ulimit -s 8192`"), "\(verdict.advice)")
        XCTAssertTrue(verdict.advice[2].contains("a batch system or sandbox"), "\(verdict.advice)")
    }

    /// The usual 8 MiB stack: the limit is what to look at first.
    func testAnUsualStackLeavesTheLimitFirst() throws {
        let verdict = classifier.classify(
            try python(stackKb: 8 << 10, as: "1073741824", vmSizeKb: 1_045_000))
        XCTAssertEqual(verdict.id, .rlimitAS)
        XCTAssertTrue(verdict.advice[0].contains("`ulimit -v unlimited`"), "\(verdict.advice)")
        XCTAssertFalse(verdict.evidence.contains { $0.contains("times the usual 8 MiB") })
    }

    func testJemallocsBackgroundThreadNamesTheStack() {
        let explanation = Explainer.explain("<jemalloc>: arena 0 background thread creation failed (11)")
        XCTAssertEqual(explanation.message.program, "jemalloc")
        // jemalloc prints pthread_create's number alone: 11, EAGAIN.
        XCTAssertEqual(explanation.errnos, ["EAGAIN"])
        XCTAssertTrue(explanation.message.notes.contains { $0.contains("`ulimit -s 8192`") })
        XCTAssertTrue(explanation.causes.contains { $0.title.hasPrefix("a thread stack larger than RAM + swap") })
    }

    func testNodesAssertionOffersTheStack() {
        let explanation = Explainer.explain(
            "Assertion failed: (0) == (uv_thread_create(t.get(), start_thread, this))")
        XCTAssertEqual(explanation.message.program, "Node.js (libuv)")
        XCTAssertTrue(explanation.message.notes.contains { $0.contains("libuv gives each thread RLIMIT_STACK") })
    }

    func testDotNetsThreadStartIsAFailedThreadNotTheHeap() {
        let explanation = Explainer.explain(
            "System.OutOfMemoryException: Exception of type 'System.OutOfMemoryException' was thrown.\n   at System.Threading.Thread.StartInternal(ThreadHandle t, Int32 stackSize, Int32 priority, Char* pThreadName)"
        )
        XCTAssertEqual(explanation.message.program, ".NET (CoreCLR)")
        XCTAssertEqual(explanation.message.kind, .thread)
        XCTAssertTrue(explanation.message.notes.contains { $0.contains("`DOTNET_DefaultStackSize=100000`") })
    }
}
