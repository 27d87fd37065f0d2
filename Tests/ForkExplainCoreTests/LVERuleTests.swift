import XCTest

@testable import ForkExplainCore

/// CloudLinux's LVE (docs/kernel-facts.md §11.164): the user's NPROC named
/// with its numbers and `lvectl` when it is full, whatever of EAGAIN and
/// ENOMEM the kernel gave; VMEM as an accounting refusal; PMEM never more
/// than medium; nothing when the LVE has room or the record has no row.
final class LVERuleTests: XCTestCase {
    private let classifier = Classifier()

    /// A CloudLinux 7 user's failed call with the LVE row `lve` (JSON).
    private func record(call: String = "fork", errno: String = "EAGAIN", lve: String) throws -> LogRecord {
        let number = ["EAGAIN": 11, "ENOMEM": 12, "EPERM": 1][errno] ?? 0
        let line = """
            {"schema":1,"type":"failure","time":"2026-11-29T15:00:00.000Z","host":"cpanel-s12","kernel":"3.10.0-962.3.2.lve1.5.81.el7.x86_64","glibc":"2.17","arch":"x86_64",
             "process":{"pid":48211,"tid":48211,"ppid":48190,"uid":1001,"euid":1001,"comm":"bash"},
             "call":{"name":"\(call)","errno":\(number),"errno_name":"\(errno)"},
             "pid":{"pid_max":32768,"threads_max":514000,"host_tasks":1930},
             "limits":{"nproc":{"soft":63437,"hard":63437},"uid_tasks":100},
             "memory":{"mem_total_kb":65700000,"mem_available_kb":31200000,"overcommit_memory":0,"vm_data_kb":6000},
             "top":{"holders":[{"pid":2301,"comm":"mysqld","uid":27,"threads":38},{"pid":48300,"comm":"node","uid":1001,"threads":11}]},
             "lve":\(lve)}
            """
        return try LogRecord(jsonLine: Array(line.utf8))
    }

    private let full =
        #"{"version":8,"id":1001,"ep":4,"ep_limit":20,"ep_faults":0,"nproc":100,"nproc_limit":100,"nproc_faults":57,"pmem_pages":61234,"pmem_limit_pages":262144,"pmem_faults":0,"vmem_pages":183000,"vmem_limit_pages":0,"vmem_faults":0}"#

    func testAFullNPROCIsTheUsersLVEWithItsNumbersAndLvectl() throws {
        for errno in ["EAGAIN", "ENOMEM"] {
            let verdict = classifier.classify(try record(errno: errno, lve: full))
            XCTAssertEqual(verdict.id, .cgroupPidsLimit, errno)
            XCTAssertEqual(verdict.confidence, .high, errno)
            XCTAssertEqual(verdict.bindingLimit.key, "lve:nproc")
            XCTAssertTrue(verdict.bindingLimit.name.contains("CloudLinux LVE NPROC of LVE 1001"))
            XCTAssertTrue(
                verdict.evidence.contains { $0.contains("NPROC 100 of lNPROC 100") && $0.contains("fNPROC 57") })
            XCTAssertTrue(verdict.evidence.contains { $0.hasPrefix("EP 4 of 20") })
            XCTAssertTrue(verdict.advice[0].contains("`lvectl set 1001 --nproc=200 --save`"), "\(verdict.advice)")
            XCTAssertTrue(verdict.advice[0].contains("EP + 15"))
        }
        let enomem = classifier.classify(try record(errno: "ENOMEM", lve: full))
        XCTAssertTrue(enomem.misleadingNote?.contains("does not mean the server is out of memory") == true)
    }

    /// kmod-lve makes NPROC the LVE's numproc beancounter; the errno is the
    /// kernel's charge: ENOMEM as OpenVZ's ub_task_charge(), EAGAIN where
    /// numproc is a pids cgroup (docs/kernel-facts.md §11.189). EP refuses
    /// an entry into the LVE (E2BIG), never a fork.
    func testTheNPROCKernelRuleNamesBothChargesAndEPIsNoFork() throws {
        let verdict = classifier.classify(try record(lve: full))
        XCTAssertTrue(verdict.kernelRule.contains("-ENOMEM where the kernel charges numproc"), verdict.kernelRule)
        XCTAssertTrue(verdict.kernelRule.contains("-EAGAIN where numproc is a pids cgroup"), verdict.kernelRule)
        let note = Explainer.explain("lvectl: fork: Resource temporarily unavailable").message.notes
        XCTAssertTrue(note.contains { $0.contains("E2BIG, Apache's 508), never a fork") }, "\(note)")
    }

    func testOnlyTheUsersOwnHoldersAreNamed() throws {
        let verdict = classifier.classify(try record(lve: full))
        let holders = verdict.evidence.first { $0.hasPrefix("top PID holders") } ?? ""
        XCTAssertTrue(holders.contains("node (pid 48300)"), holders)
        XCTAssertFalse(holders.contains("mysqld"), holders)
    }

    func testAThreadOfAFullLVEIsRefusedToo() throws {
        let verdict = classifier.classify(try record(call: "pthread_create", lve: full))
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        XCTAssertEqual(verdict.confidence, .high)
        XCTAssertTrue(verdict.kernelRule.contains("pthread_create returns EAGAIN"))
    }

    func testAnLVEWithRoomIsNotNamed() throws {
        let room = full.replacingOccurrences(of: #""nproc":100,"#, with: #""nproc":12,"#)
        let verdict = classifier.classify(try record(lve: room))
        XCTAssertFalse(verdict.bindingLimit.key.hasPrefix("lve:"), "\(verdict.bindingLimit)")
    }

    func testNearTheLimitWithFaultsIsMedium() throws {
        let near = full.replacingOccurrences(of: #""nproc":100,"#, with: #""nproc":96,"#)
        let verdict = classifier.classify(try record(lve: near))
        XCTAssertEqual(verdict.bindingLimit.key, "lve:nproc")
        XCTAssertEqual(verdict.confidence, .medium)
    }

    func testAnErrnoNoLVELimitGivesIsNotTheLVEs() throws {
        let verdict = classifier.classify(try record(errno: "EPERM", lve: full))
        XCTAssertFalse(verdict.bindingLimit.key.hasPrefix("lve:"), "\(verdict.bindingLimit)")
    }

    func testAUidWithoutAnLVERowIsNotJudged() throws {
        let verdict = classifier.classify(try record(lve: #"{"version":8}"#))
        XCTAssertFalse(verdict.bindingLimit.key.hasPrefix("lve:"))
    }

    func testAFullPMEMIsMediumAtMostAndSaysProcessesAreKilled() throws {
        let pmem =
            #"{"version":8,"id":1001,"ep":20,"ep_limit":20,"ep_faults":311,"nproc":31,"nproc_limit":100,"nproc_faults":0,"pmem_pages":262144,"pmem_limit_pages":262144,"pmem_faults":42}"#
        let verdict = classifier.classify(try record(errno: "ENOMEM", lve: pmem))
        XCTAssertEqual(verdict.id, .memcgLimit)
        XCTAssertEqual(verdict.confidence, .medium)
        XCTAssertEqual(verdict.bindingLimit.key, "lve:pmem")
        XCTAssertTrue(verdict.evidence[0].contains("PMEM 1.0 GiB of lMEMPHY 1.0 GiB"), verdict.evidence[0])
        XCTAssertTrue(verdict.kernelRule.contains("kills processes"))
        XCTAssertTrue(verdict.advice[0].contains("`lvectl set 1001 --pmem=2048M --save`"), "\(verdict.advice)")
    }

    func testAFullVMEMIsAnAccountingRefusalOfTheForksCopy() throws {
        let vmem =
            #"{"version":8,"id":1001,"nproc":31,"nproc_limit":100,"vmem_pages":261000,"vmem_limit_pages":262144,"vmem_faults":9}"#
        let verdict = classifier.classify(try record(errno: "ENOMEM", lve: vmem))
        XCTAssertEqual(verdict.id, .commitLimit)
        XCTAssertEqual(verdict.confidence, .high)
        XCTAssertTrue(verdict.evidence.contains { $0.contains("needs about 1500 more pages") }, "\(verdict.evidence)")
        XCTAssertTrue(verdict.advice[0].contains("--vmem=0"))
    }

    func testCheckNamesTheFullLVEAndItsFix() throws {
        let report = CheckReport(record: try record(lve: full))
        XCTAssertEqual(report.usages.first?.limit, .lveNPROC)
        XCTAssertEqual(report.usages.first?.metricKey, "lve_nproc_lve")
        XCTAssertEqual(report.usages.first?.label, "CloudLinux LVE NPROC of LVE 1001")
        XCTAssertTrue(report.lve?.line.contains("NPROC 100 of 100 (fNPROC 57), EP 4 of 20") == true)
        XCTAssertTrue(report.lve?.fixes.first?.contains("`lvectl set 1001 --nproc=200 --save`") == true)
        XCTAssertTrue(Preflight(kind: .threads, needed: 1).counts(.lveNPROC))
        let room = full.replacingOccurrences(of: #""nproc":100,"#, with: #""nproc":12,"#)
        XCTAssertNil(CheckReport(record: try record(lve: room)).lve)
        let json = try CheckJSONRenderer().render(CheckReport(record: try record(lve: full)))
        XCTAssertTrue(json.contains(#""lve" : {"#), json)
        XCTAssertTrue(json.contains(#""limit" : "lve_nproc""#), json)
    }
}

/// The `lve` section as the C collector writes it (Tests/cunit/test_lve.c)
/// is every key the model knows.
final class LVESectionKeysTests: XCTestCase {
    func testTheCollectorsLVEKeysAreKnown() throws {
        let section =
            #"{"version":8,"id":1001,"ep":4,"ep_limit":20,"ep_faults":0,"nproc":100,"nproc_limit":100,"nproc_faults":57,"pmem_pages":61234,"pmem_limit_pages":262144,"pmem_faults":0,"vmem_pages":183000,"vmem_limit_pages":0,"vmem_faults":0}"#
        let object = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(#"{"lve":\#(section)}"#.utf8)) as? [String: Any])
        XCTAssertEqual(KnownKeys.unknown(in: object), [])
        let record = try LogRecord(jsonLine: Array(#"{"schema":1,"type":"failure","lve":\#(section)}"#.utf8))
        XCTAssertEqual(record.lve?.nprocResource, LVESnapshot.Resource(used: 100, limit: 100, faults: 57))
        XCTAssertNil(record.lve?.vmemResource, "lMEM 0 is no limit")
    }
}

/// An LVE kernel whose statistics the record lacks: the verdict says the
/// user's LVE may be what refused; a record with the row, or another
/// kernel, says nothing of it.
final class LVEKernelNoteTests: XCTestCase {
    private func record(kernel: String, lve: String?) throws -> LogRecord {
        let section = lve.map { #","lve":\#($0)"# } ?? ""
        let line = """
            {"schema":1,"type":"failure","kernel":"\(kernel)","process":{"pid":7,"uid":1001,"comm":"bash"},
             "call":{"name":"fork","errno":11,"errno_name":"EAGAIN"}\(section)}
            """
        return try LogRecord(jsonLine: Array(line.utf8))
    }

    func testAnLVEKernelWithoutItsStatisticsIsNamed() throws {
        let verdict = Classifier().classify(try record(kernel: "3.10.0-962.3.2.lve1.5.81.el7.x86_64", lve: nil))
        XCTAssertTrue(
            verdict.evidence.contains { $0.contains("is CloudLinux's LVE kernel, but /proc/lve was not readable") })
        XCTAssertTrue(LVEKernelNote.isLVEKernel("2.6.32-896.16.1.lve1.4.53.el6.x86_64"))
        XCTAssertFalse(LVEKernelNote.isLVEKernel("5.15.0-91-generic"))
        XCTAssertFalse(LVEKernelNote.isLVEKernel("6.1.0-solve.1"))
    }

    func testARecordWithTheLVERowOrAnotherKernelSaysNothing() throws {
        let withRow = Classifier().classify(
            try record(
                kernel: "3.10.0-962.3.2.lve1.5.81.el7.x86_64",
                lve: #"{"version":8,"id":1001,"nproc":3,"nproc_limit":100}"#))
        XCTAssertFalse(withRow.evidence.contains { $0.contains("LVE kernel") })
        let other = Classifier().classify(try record(kernel: "5.15.0-91-generic", lve: nil))
        XCTAssertFalse(other.evidence.contains { $0.contains("LVE kernel") })
    }
}
