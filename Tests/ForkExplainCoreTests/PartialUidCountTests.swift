import XCTest

@testable import ForkExplainCore

/// `check` where the /proc it reads shows only a part of the uid's tasks
/// RLIMIT_NPROC counts (runc#831, docs/kernel-facts.md §11.108, §11.114):
/// the part is no measure of room, so the row is UNKNOWN, not ok.
final class PartialUidCountTests: XCTestCase {
    /// uid 0 with `tasks` of RLIMIT_NPROC `soft` in view; a user namespace
    /// mapping 0 to host uid 1000 and a PID namespace of its own when asked.
    private func record(
        tasks: Int64 = 1, soft: Int64 = 192, userNamespace: Bool, pidNamespace: Bool, kernel: String = "6.8.0"
    ) throws -> LogRecord {
        var record = try Fixture.record("rlimit-nproc.jsonl")
        record.kernel = kernel
        record.process?.uid = userNamespace ? 0 : 1000
        record.limits?.uidTasks = tasks
        record.limits?.nproc = RLimit(soft: .value(soft))
        record.limits?.nprocExempt = nil
        record.cgroups = nil
        record.memory = nil
        if userNamespace {
            var container = record.container ?? ContainerSnapshot()
            container.userNs = 4_026_532_500
            container.uidMap = [[0, 1000, 1]]
            record.container = container
        }
        if pidNamespace {
            record.pid?.pidNs = 4_026_532_600
            record.pid?.pidForChildrenNs = 4_026_532_600
            record.pid?.nspid = [5120, 1]
            record.pid?.nsTasks = tasks
            record.pid?.hostLowTasks = nil
        } else {
            record.pid?.hostLowTasks = 60
        }
        return record
    }

    func testRuncUserNamespaceIsUnknownNamingTheHostUidAndItsCount() throws {
        let report = CheckReport(record: try record(userNamespace: true, pidNamespace: true))
        XCTAssertNil(report.usages.first { $0.limit == .rlimitNPROC }, "the 1 of 192 is not a measure of room")
        XCTAssertEqual(report.uncounted.map(\.label), ["RLIMIT_NPROC uid 0 (host uid 1000)"])
        try UnknownCheck.assertRendered(
            report, firstLine: "FORKEXPLAIN UNKNOWN - not counted: RLIMIT_NPROC uid 0 (host uid 1000): ",
            row: "??   RLIMIT_NPROC uid 0 (host uid 1000): 1 seen here of 192")
        let text = CheckTextRenderer().render(report)
        XCTAssertTrue(text.contains("this /proc lists only the tasks of PID namespace pid:[4026532600]"), text)
        XCTAssertTrue(text.contains("belongs to a user namespace (host uid 1000 outside it)"), text)
        XCTAssertTrue(text.contains("on the host: `ps -L -U 1000 --no-headers | wc -l` against 192"), text)
        XCTAssertFalse(text.contains("ok   RLIMIT_NPROC"), text)
        XCTAssertTrue(try CheckJSONRenderer().render(report).contains("\"uncounted_checks\" : ["))
        let preflight = Preflight(kind: .processes, needed: 4)
        let gate = CheckReport(record: try record(userNamespace: true, pidNamespace: true), preflight: preflight)
        XCTAssertEqual(gate.outcome, .unknown, "the host uid may hold all but 3 of the 192")
    }

    /// Before 5.14 the count is the host uid's alone, and a host's /proc
    /// lists every task of it (mapped): whole.
    func testUserNamespaceBefore514OnTheHostsProcIsWhole() throws {
        let old = try record(userNamespace: true, pidNamespace: false, kernel: "5.10.0")
        let whole = CheckReport(record: old, view: ProcView(listsHostTasks: true))
        XCTAssertEqual(whole.uncounted, [])
        XCTAssertEqual(whole.usages.first { $0.limit == .rlimitNPROC }?.used, 1)
        XCTAssertEqual(whole.level, .ok)
        // Since 5.14 the ancestor's limit is the creator's, not shown.
        let new = try record(userNamespace: true, pidNamespace: false)
        XCTAssertEqual(CheckReport(record: new, view: ProcView(listsHostTasks: true)).level, .unknown)
    }

    func testAContainersOwnProcIsAPartAndTheHostsIsWhole() throws {
        let inside = try record(userNamespace: false, pidNamespace: true)
        let report = CheckReport(record: inside)
        XCTAssertEqual(report.uncounted.map(\.label), ["RLIMIT_NPROC uid 1000"])
        XCTAssertEqual(report.exitStatus, 3)
        // `check --pid` from the host reads the host's /proc: whole.
        let fromHost = CheckReport(record: inside, view: ProcView(listsHostTasks: true))
        XCTAssertEqual(fromHost.uncounted, [])
        XCTAssertEqual(fromHost.level, .ok)
        // A record from the initial namespace's /proc (tasks below 300
        // counted there) needs no view.
        XCTAssertEqual(CheckReport(record: try record(userNamespace: false, pidNamespace: false)).level, .ok)
    }

    /// What a part shows at a critical share, the whole shows too.
    func testACriticalPartIsCritical() throws {
        let full = CheckReport(record: try record(tasks: 190, userNamespace: false, pidNamespace: true))
        XCTAssertEqual(full.level, .critical)
        XCTAssertEqual(full.uncounted, [])
        XCTAssertEqual(full.exitStatus, 2)
        // At a warning share the whole may be critical: unknown.
        let warm = CheckReport(record: try record(tasks: 160, userNamespace: false, pidNamespace: true))
        XCTAssertEqual(warm.level, .unknown)
    }

    func testHidepidHidesAnotherUsersTasksFromAReaderNotRoot() throws {
        let host = try record(userNamespace: false, pidNamespace: false)
        let hidden = CheckReport(record: host, view: ProcView(listsHostTasks: true, hidepid: "2", readerUid: 1001))
        XCTAssertEqual(hidden.level, .unknown)
        let text = CheckTextRenderer().render(hidden)
        XCTAssertTrue(text.contains("hidepid=2"), text)
        XCTAssertTrue(text.contains("other users' processes, uid 1000's among them"), text)
        XCTAssertTrue(text.contains("as root on the host: `ps -L -U 1000 --no-headers | wc -l` against 192"), text)
        let seen = CheckReport(record: host, view: ProcView(listsHostTasks: true, hidepid: "2", readerUid: 0))
        XCTAssertEqual(seen.level, .ok, "root sees uid 1000's processes through hidepid")
    }

    /// The uid's own tasks that run setuid or setgid, or are not dumpable,
    /// are hidden from it too (§11.139): a reader of its own uid sees a part.
    func testHidepidHidesSomeOfTheReadersOwnUidsTasks() throws {
        let host = try record(userNamespace: false, pidNamespace: false)
        let own = CheckReport(record: host, view: ProcView(listsHostTasks: true, hidepid: "invisible", readerUid: 1000))
        XCTAssertEqual(own.level, .unknown)
        XCTAssertEqual(own.exitStatus, 3)
        let text = CheckTextRenderer().render(own)
        XCTAssertTrue(text.contains("even uid 1000's own tasks that run with another effective or saved uid"), text)
    }

    /// A member of the mount's gid= sees every process, as root does.
    func testHidepidGidMembersSeeTheWhole() throws {
        let host = try record(userNamespace: false, pidNamespace: false)
        let member = ProcView(
            listsHostTasks: true, hidepid: "2", hidepidGid: 27, readerUid: 1000, readerGids: [1000, 27])
        XCTAssertEqual(CheckReport(record: host, view: member).level, .ok)
        let other = ProcView(listsHostTasks: true, hidepid: "2", hidepidGid: 27, readerUid: 1000, readerGids: [1000])
        XCTAssertEqual(CheckReport(record: host, view: other).level, .unknown)
    }
}
