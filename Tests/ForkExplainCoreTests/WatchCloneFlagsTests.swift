import XCTest

@testable import ForkExplainCore

/// watch's kretprobe records: `kernel_clone` with the clone flags its entry
/// probe paired (docs/watch.md, "The clone flags"), read as the shim's
/// `clone` is read, so that the thread and process rules apply to them.
final class WatchCloneFlagsTests: XCTestCase {
    let classifier = Classifier()
    static let threadFlags: Int64 = 0x3d_0f00  // glibc's pthread_create
    static let forkFlags: Int64 = 0x120_0000  // glibc's fork, the signal apart
    static let vforkFlags: Int64 = 0x4100  // vfork(): CLONE_VM | CLONE_VFORK

    private func watched(_ fixture: String, flags: Int64?, errno: Int, name: String) throws -> LogRecord {
        var record = try XCTUnwrap(Fixture.records(fixture).first { $0.type == .failure })
        record.source = "watch"
        record.call = CallSnapshot(name: "kernel_clone", errno: errno, errnoName: name)
        record.call?.cloneFlags = flags
        return record
    }

    private func call(_ name: String, flags: Int64?) -> CallSnapshot {
        var call = CallSnapshot(name: name, errno: 11, errnoName: "EAGAIN")
        call.cloneFlags = flags
        return call
    }

    func testTheFlagsSayThreadProcessOrVfork() {
        XCTAssertEqual(CallKind(call: call("kernel_clone", flags: Self.threadFlags)), .thread)
        XCTAssertEqual(CallKind(call: call("kernel_clone", flags: Self.forkFlags)), .process)
        XCTAssertEqual(CallKind(call: call("kernel_clone", flags: Self.vforkFlags)), .process)
        XCTAssertEqual(CallKind(call: call("kernel_clone", flags: nil)), .unknown)
        XCTAssertEqual(call("kernel_clone", flags: Self.threadFlags).nameDescription, "kernel_clone (thread)")
        XCTAssertEqual(call("kernel_clone", flags: Self.forkFlags).nameDescription, "kernel_clone (process)")
        XCTAssertEqual(call("kernel_clone", flags: Self.vforkFlags).nameDescription, "kernel_clone (vfork)")
        XCTAssertEqual(call("kernel_clone", flags: nil).nameDescription, "kernel_clone")
        // The shim's own clone keeps its name alone.
        XCTAssertEqual(call("clone", flags: Self.threadFlags).nameDescription, "clone")
    }

    func testAProcessInANamespaceWithoutInitIsPidnsInitDeadAndAThreadIsNot() throws {
        let process = try watched("pidns-init-dead.jsonl", flags: Self.forkFlags, errno: 12, name: "ENOMEM")
        XCTAssertEqual(classifier.classify(process).id, .pidNamespaceInitDead)
        // docs/kernel-facts.md §6.18: a thread there fails the flag check.
        let thread = try watched("pidns-init-dead.jsonl", flags: Self.threadFlags, errno: 22, name: "EINVAL")
        XCTAssertNotEqual(classifier.classify(thread).id, .pidNamespaceInitDead)
        // Without the flags nothing says which: the rule stays out.
        let unknown = try watched("pidns-init-dead.jsonl", flags: nil, errno: 12, name: "ENOMEM")
        XCTAssertNotEqual(classifier.classify(unknown).id, .pidNamespaceInitDead)
    }

    func testTheCopiedAddressSpaceFollowsCLONE_VM() throws {
        let fork = try watched("pidns-init-dead.jsonl", flags: Self.forkFlags, errno: 12, name: "ENOMEM")
        XCTAssertTrue(FailureContext(record: fork).copiesAddressSpace)
        let vfork = try watched("pidns-init-dead.jsonl", flags: Self.vforkFlags, errno: 12, name: "ENOMEM")
        XCTAssertFalse(FailureContext(record: vfork).copiesAddressSpace)
    }

    /// The C library maps a thread's stack before the clone; watch sees the
    /// clone alone, so the stack mapping's limits are not its cause.
    func testTheThreadStackRulesStayOutOfWatchRecords() throws {
        var record = try watched("cgroup-pids-parent.jsonl", flags: Self.threadFlags, errno: 11, name: "EAGAIN")
        record.cgroups = nil
        record.limits?.as = RLimit(soft: .value(9_663_676_416))  // below VmSize + stack, as in DenialRuleTests
        XCTAssertNotEqual(classifier.classify(record).id, .rlimitAS)
        record.memory?.mapCount = 65_529
        record.memory?.maxMapCount = 65_530
        XCTAssertNotEqual(classifier.classify(record).id, .mapCountLimit)
        XCTAssertEqual(FailureContext(record: record).kind, .thread)
    }

    /// docs/kernel-facts.md §6.8: each of HotSpot's tries is a thread the
    /// kernel refused, ENOMEM among them (pthread_create turns it to EAGAIN).
    func testAJVMsRefusedThreadsGetTheRetryNote() throws {
        let thread = try watched("cgroup-pids-parent.jsonl", flags: Self.threadFlags, errno: 12, name: "ENOMEM")
        let threads = ReportBuilder().build(records: [thread])
        XCTAssertTrue(
            try XCTUnwrap(threads.incidents.first).misleadingNotes.contains {
                $0.contains("every 4 EAGAINs of one thread are one error")
            })
        let process = try watched("cgroup-pids-parent.jsonl", flags: Self.forkFlags, errno: 11, name: "EAGAIN")
        let processes = ReportBuilder().build(records: [process])
        XCTAssertFalse(
            try XCTUnwrap(processes.incidents.first).misleadingNotes.contains {
                $0.contains("every 4 EAGAINs")
            })
    }
}
