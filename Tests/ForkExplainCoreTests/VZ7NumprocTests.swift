import XCTest

@testable import ForkExplainCore

/// Virtuozzo 7's numproc (docs/kernel-facts.md §11.188): later vzkernel
/// builds make it the container's pids cgroup, which refuses a fork with
/// EAGAIN (kernel/cgroup_pids.c pids_try_charge()) and counts the refusal
/// as numproc's failcnt; OpenVZ 6's ub_task_charge() says ENOMEM only.
final class VZ7NumprocTests: XCTestCase {
    private let classifier = Classifier()

    private func record(kernel: String, errno: String) throws -> LogRecord {
        let number = errno == "EAGAIN" ? 11 : 12
        let line = """
            {"schema":1,"type":"failure","time":"2026-11-29T18:00:00.000Z","host":"ct101","kernel":"\(kernel)","glibc":"2.17","arch":"x86_64",
             "process":{"pid":4242,"tid":4242,"ppid":1,"uid":48,"euid":48,"comm":"httpd"},
             "call":{"name":"fork","errno":\(number),"errno_name":"\(errno)"},
             "pid":{"pid_max":4194304,"threads_max":500000,"host_tasks":3000},
             "memory":{"mem_total_kb":4194304,"mem_free_kb":2000000,"mem_available_kb":3000000,"swap_total_kb":0,"swap_free_kb":0,"overcommit_memory":0,"vm_data_kb":50000},
             "beancounters":{"ctid":101,
              "numproc":{"held":400,"maxheld":400,"barrier":400,"limit":400,"failcnt":57},
              "privvmpages":{"held":10,"maxheld":20,"barrier":9223372036854775807,"limit":9223372036854775807,"failcnt":0}}}
            """
        return try LogRecord(jsonLine: Array(line.utf8))
    }

    func testAVZ7ForksEAGAINAtAFullNumprocIsTheBeancounter() throws {
        let verdict = classifier.classify(try record(kernel: "3.10.0-1160.80.1.vz7.191.4", errno: "EAGAIN"))
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        XCTAssertEqual(verdict.bindingLimit.key, "ubc:numproc")
        XCTAssertEqual(verdict.confidence, .high)
        XCTAssertTrue(verdict.kernelRule.contains("pids_try_charge() → -EAGAIN"), verdict.kernelRule)
        XCTAssertNil(verdict.misleadingNote)
        XCTAssertFalse(verdict.evidence.contains { $0.contains("is not what this cause gives") })
    }

    func testAVZ7ForksENOMEMStillReadsAsTheOlderCharge() throws {
        let verdict = classifier.classify(try record(kernel: "3.10.0-1160.80.1.vz7.191.4", errno: "ENOMEM"))
        XCTAssertEqual(verdict.bindingLimit.key, "ubc:numproc")
        XCTAssertEqual(verdict.confidence, .high)
        XCTAssertTrue(verdict.kernelRule.contains("ub_task_charge()"), verdict.kernelRule)
        XCTAssertNotNil(verdict.misleadingNote)
    }

    /// OpenVZ 6 has no pids cgroup behind numproc: an EAGAIN there is not it.
    func testOpenVZ6NumprocIsENOMEMOnly() throws {
        let eagain = classifier.classify(try record(kernel: "2.6.32-042stab145.3", errno: "EAGAIN"))
        XCTAssertNotEqual(eagain.bindingLimit.key, "ubc:numproc")
        let enomem = classifier.classify(try record(kernel: "2.6.32-042stab145.3", errno: "ENOMEM"))
        XCTAssertEqual(enomem.bindingLimit.key, "ubc:numproc")
        XCTAssertFalse(enomem.kernelRule.contains("pids_try_charge"), enomem.kernelRule)
    }
}
