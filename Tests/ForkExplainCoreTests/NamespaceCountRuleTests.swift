import XCTest

@testable import ForkExplainCore

/// ENOSPC from a clone that creates namespaces (docs/kernel-facts.md
/// §11.76–§11.79): the user namespace count, or the other namespace counts
/// and the PID namespace depth, never pid_max; and what the record's
/// /proc/sys/user numbers can and cannot show.
final class NamespaceCountRuleTests: XCTestCase {
    let classifier = Classifier()
    static let ownNs: Int64 = 4_026_532_177
    static let hostNs: Int64 = 4_026_531_837
    static let rootlessKit: Int64 = 0x1002_0011  // CLONE_NEWUSER | CLONE_NEWNS | SIGCHLD

    /// The memory-exhausted fixture's record made into a clone with `flags`
    /// that failed with `errno`, its limits read in `readerNs`.
    private func record(
        flags: Int64?, errno: Int = 28, name: String = "ENOSPC", maxUser: Int64? = 0, maxPid: Int64? = nil,
        readerNs: Int64? = ownNs, nspidDepth: Int? = nil
    ) throws -> LogRecord {
        var record = try XCTUnwrap(Fixture.records("rlimit-nproc.jsonl").first { $0.type == .failure })
        var call = CallSnapshot(name: "clone", errno: errno, errnoName: name)
        call.cloneFlags = flags
        record.call = call
        var pid = record.pid ?? PIDSnapshot()
        pid.maxUserNamespaces = maxUser
        pid.maxPidNamespaces = maxPid
        pid.limitsUserNs = readerNs
        if let nspidDepth { pid.nspid = (0..<nspidDepth).map { Int64($0 + 100) } }
        record.pid = pid
        var container = record.container ?? ContainerSnapshot()
        container.userNs = Self.ownNs
        record.container = container
        return record
    }

    func testAZeroInTheOwnNamespaceIsTheUserNamespaceCountWithHighConfidence() throws {
        let verdict = classifier.classify(try record(flags: Self.rootlessKit))
        XCTAssertEqual(verdict.id, .usernsCount)
        XCTAssertEqual(verdict.family, .denial)
        XCTAssertEqual(verdict.confidence, .high)
        XCTAssertTrue(verdict.evidence.contains { $0.contains("CLONE_NEWUSER, CLONE_NEWNS") })
        XCTAssertTrue(
            verdict.evidence.contains { $0.contains("= 0 in the process's own user namespace user:[\(Self.ownNs)]") })
        XCTAssertTrue(verdict.advice.contains { $0.contains("lsns -t user") })
        XCTAssertTrue(verdict.advice.contains { $0.contains("sysctl -w user.max_user_namespaces=N") })
    }

    /// The file shows only its reader's namespace: a limit above 0 does
    /// not show the bind, and the evidence says an ancestor may hold it.
    func testALimitAboveZeroSaysTheAncestorMayBindAtMediumConfidence() throws {
        let verdict = classifier.classify(try record(flags: Self.rootlessKit, maxUser: 100))
        XCTAssertEqual(verdict.id, .usernsCount)
        XCTAssertEqual(verdict.confidence, .medium)
        XCTAssertTrue(
            verdict.evidence.contains {
                $0.contains("an ancestor namespace's limit binds, which this file cannot show")
            })
    }

    /// watch reads /proc/sys/user in its own (the host's) namespace.
    func testALimitReadFromAnotherNamespaceIsNeverCalledTheProcesssOwn() throws {
        let verdict = classifier.classify(try record(flags: Self.rootlessKit, maxUser: 0, readerNs: Self.hostNs))
        XCTAssertEqual(verdict.id, .usernsCount)
        XCTAssertEqual(verdict.confidence, .medium)
        XCTAssertTrue(verdict.evidence.contains { $0.contains("user:[\(Self.hostNs)], the reader's namespace") })
        XCTAssertFalse(verdict.evidence.contains { $0.contains("process's own user namespace user:[\(Self.hostNs)]") })
    }

    func testAnUnrecordedLimitStillNamesTheCountFromTheFlags() throws {
        let verdict = classifier.classify(try record(flags: Self.rootlessKit, maxUser: nil, readerNs: nil))
        XCTAssertEqual(verdict.id, .usernsCount)
        XCTAssertTrue(verdict.evidence.contains { $0.contains("is not in the record") })
    }

    func testNEWPIDWithoutNEWUSERIsThePIDNamespaceCountWithItsDepth() throws {
        let verdict = classifier.classify(
            try record(flags: 0x2000_0011, maxUser: 10, maxPid: 0, nspidDepth: 2))
        XCTAssertEqual(verdict.id, .namespaceCount)
        XCTAssertEqual(verdict.bindingLimit.name, "user.max_pid_namespaces")
        XCTAssertTrue(verdict.evidence.contains { $0.contains("user.max_pid_namespaces = 0 in the process's own") })
        XCTAssertTrue(
            verdict.evidence.contains {
                $0.contains("PID namespace level 1") && $0.contains("the count, not the depth")
            })
    }

    func testThirtyTwoPIDNamespaceLevelsAreTheDepth() throws {
        let verdict = classifier.classify(try record(flags: 0x2000_0011, maxPid: 1000, nspidDepth: 33))
        XCTAssertEqual(verdict.id, .namespaceCount)
        XCTAssertEqual(verdict.summary, "PID namespace nesting past 32 levels")
    }

    func testOtherNamespaceFlagsNameTheirOwnCounts() throws {
        let verdict = classifier.classify(try record(flags: 0x4802_0011))  // NEWNET | NEWIPC | NEWNS
        XCTAssertEqual(verdict.id, .namespaceCount)
        XCTAssertEqual(
            verdict.bindingLimit.name, "user.max_mnt_namespaces, user.max_ipc_namespaces, user.max_net_namespaces")
    }

    /// Without namespace flags, or with another errno, the rule stays out.
    func testNoNamespaceFlagsOrAnotherErrnoLeaveTheRuleOut() throws {
        XCTAssertNil(NamespaceCountRule().evaluate(FailureContext(record: try record(flags: 0x120_0011))))
        XCTAssertNil(NamespaceCountRule().evaluate(FailureContext(record: try record(flags: nil))))
        XCTAssertNil(
            NamespaceCountRule().evaluate(
                FailureContext(record: try record(flags: Self.rootlessKit, errno: 11, name: "EAGAIN"))))
    }

    /// The user namespace is made in copy_creds(), before the threads-max
    /// check and alloc_pid() (§11.77).
    func testTheUserNamespaceIsCheckedBeforeThreadsMaxAndTheOtherNamespaces() throws {
        let context = FailureContext(record: try record(flags: Self.rootlessKit))
        let userns = KernelCheckOrder.step(of: .usernsCount, in: context).rank
        XCTAssertLessThan(KernelCheckOrder.step(of: .rlimitNPROC, in: context).rank, userns)
        XCTAssertLessThan(userns, KernelCheckOrder.step(of: .threadsMax, in: context).rank)
        XCTAssertLessThan(userns, KernelCheckOrder.step(of: .namespaceCount, in: context).rank)
        XCTAssertLessThan(
            KernelCheckOrder.step(of: .namespaceCount, in: context).rank,
            KernelCheckOrder.step(of: .pidMax, in: context).rank)
    }

    /// check: only a 0 read in the process's own namespace is shown, as a
    /// setting that turns creation off, never as a limit's row: a host that
    /// turns user namespaces off on purpose (RHEL 7's default) must not be
    /// CRITICAL for it, nor see it first among a report's closest limits.
    func testCheckShowsAUserNamespaceLimitOfZeroAsTurnedOffOutsideTheStatus() throws {
        let zero = try record(flags: nil, maxUser: 0)
        let row = try XCTUnwrap(Headroom.turnedOff(of: zero).first { $0.limit == .usernsCount })
        XCTAssertTrue(row.line.contains("0, no user namespace may be created"))
        XCTAssertFalse(Headroom.usages(of: zero).contains { $0.limit == .usernsCount })
        XCTAssertFalse(ClosestLimits.lines(for: zero, count: 10).contains { $0.contains("max_user_namespaces") })

        let report = CheckReport(record: zero)
        let rowsAlone = CheckReport.Level(
            share: report.usages.map(\.share).max() ?? 0)
        XCTAssertEqual(report.level, report.uncounted.isEmpty ? rowsAlone : .unknown)
        let text = CheckTextRenderer().render(report)
        XCTAssertTrue(
            text.contains("  OFF  user.max_user_namespaces user:[\(Self.ownNs)]: 0, no user namespace may be created"),
            text)
        XCTAssertFalse(text.contains("CRIT user.max_user_namespaces"), text)
        let json = try CheckJSONRenderer().render(report)
        XCTAssertTrue(json.contains("\"turned_off\""), json)

        XCTAssertTrue(Headroom.turnedOff(of: try record(flags: nil, maxUser: 10)).isEmpty)
        XCTAssertTrue(Headroom.turnedOff(of: try record(flags: nil, maxUser: 0, readerNs: Self.hostNs)).isEmpty)
    }
}
