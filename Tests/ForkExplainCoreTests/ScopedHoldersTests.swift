import XCTest

@testable import ForkExplainCore

/// The pool and one-holder readings of §11.171 and §11.174 within the
/// scope of a pids cgroup, a uid's RLIMIT_NPROC and threads-max
/// (docs/kernel-facts.md §11.183, §11.184): the holders that limit counts,
/// the program's own knob first, the limit after it.
final class ScopedHoldersTests: XCTestCase {
    typealias R = ContainerRecords

    /// The verdict's fixes, once its id and the start of its first fix are
    /// as expected.
    /// `naming`: what the first fix must also say (a knob, a command).
    private func fixes(
        _ record: LogRecord, _ id: VerdictID, firstStarts prefix: String, naming: String? = nil, line: UInt = #line
    ) throws -> [String] {
        let verdict = Classifier().classify(record)
        XCTAssertEqual(verdict.id, id, line: line)
        let first = try XCTUnwrap(verdict.advice.first, line: line)
        XCTAssertTrue(first.hasPrefix(prefix) && (naming.map { first.contains($0) } ?? true), first, line: line)
        return verdict.advice
    }

    /// A container's own PID namespace: every holder is under its level.
    private func containerRecord(holders: [PIDHolder], max: Int, current: Int, comm: String) throws -> LogRecord {
        var record = try R.record(
            call: "pthread_create", pids: "[" + R.level("/", max: "\(max)", current: current, events: 3) + "]",
            container: R.ownNs, mount: #""version":2,"mount":"/sys/fs/cgroup","root":"/""#)
        record.process?.comm = comm
        record.pid?.pidNs = 4_026_532_999
        record.top = TopSnapshot(holders: holders)
        return record
    }

    /// openshift/origin#24360: one JVM of ~1000 threads in a container
    /// whose pids.max is CRI-O's 1024. Before: the owner's raise first and
    /// "Check the top holders for a leak" last.
    func testOneJVMThatHoldsMostOfAPodsLimitIsNamedFirst() throws {
        let record = try containerRecord(
            holders: [PIDHolder(pid: 7, comm: "java", uid: 1001, threads: 1003)]
                + (0..<3).map { PIDHolder(pid: 40 + $0, comm: "sh", uid: 1001, threads: 1) },
            max: 1024, current: 1024, comm: "java")
        let expected =
            "One process holds most of what pids.max of / counts: java (pid 7) has 1003 threads, 98 % of the 1024."
        let advice = try fixes(record, .cgroupPidsLimit, firstStarts: expected, naming: "`-XX:ActiveProcessorCount=N`")
        XCTAssertFalse(advice.contains { $0.hasPrefix("Check the top holders for a leak") }, "\(advice)")
        XCTAssertTrue(advice.count > 1, "the limit's own fix stays after it")
    }

    /// Several python3 processes of one pool each fill a unit's level on
    /// the host: only the failing program's copies are taken as its.
    func testPooledCopiesOfTheFailingProgramFillAHostLevel() throws {
        var record = try R.record(
            call: "pthread_create",
            pids: "["
                + [
                    R.level("/system.slice/jobs.service", max: "120", current: 120, events: 5),
                    R.level("/system.slice"),
                ]
                .joined(separator: ",") + "]")
        record.process?.comm = "python3"
        record.top = TopSnapshot(
            holders: [PIDHolder(pid: 900, comm: "java", threads: 400)]
                + (0..<4).map { PIDHolder(pid: 1000 + $0, comm: "python3", threads: Int64(29 - $0)) })
        let expected =
            "Cap the program's threads first: 4 python3 processes of 26–29 threads each hold 110 of the 120 tasks pids.max of /system.slice/jobs.service counts (the failing program's copies among the top holders)"
        let advice = try fixes(record, .cgroupPidsLimit, firstStarts: expected, naming: "`OMP_NUM_THREADS=1`")
        XCTAssertFalse(advice[0].contains("java"), "a holder of another program is not the level's: \(advice[0])")
        XCTAssertTrue(
            advice.last?.hasPrefix("See what else holds the level, counting the threads") ?? false, "\(advice)")
    }

    /// More threads among the holders than the level holds: they are not
    /// all its, and nothing is named.
    func testHoldersThatDoNotFitTheLevelAreNotNamed() throws {
        var record = try R.record(
            pids: "[" + R.level("/system.slice/a.service", max: "50", current: 50, events: 1) + "]")
        record.process?.comm = "python3"
        record.top = TopSnapshot(holders: (0..<3).map { PIDHolder(pid: 10 + $0, comm: "python3", threads: 40) })
        let advice = Classifier().classify(record).advice
        XCTAssertFalse(advice.contains { $0.hasPrefix("Cap the program's threads first") }, "\(advice)")
        XCTAssertFalse(advice.contains { $0.hasPrefix("One process holds most") }, "\(advice)")
    }

    /// wujian16/Cornell-MOE#61: ~30 python jobs of 134 threads each fill a
    /// uid's 4096; the holders of other uids are not the uid's.
    func testPooledProcessesOfOneUidFillItsNPROC() throws {
        var record = try Fixture.record("rlimit-nproc.jsonl")
        record.top = TopSnapshot(
            holders: [PIDHolder(pid: 1, comm: "java", uid: 0, threads: 600)]
                + (0..<7).map { PIDHolder(pid: 6000 + $0, comm: "python", uid: 61234, threads: 134) })
        let expected =
            "Cap the program's threads first: 7 python processes of 134 threads each hold 938 of the 4096 tasks RLIMIT_NPROC of uid 61234 counts (the top holders of uid 61234)"
        let advice = try fixes(record, .rlimitNPROC, firstStarts: expected, naming: "`ps -u 61234 -o nlwp=,comm=")
        XCTAssertTrue(advice.contains { $0.contains("ulimit -u 16384") }, "the raise stays")
    }

    /// Another process of the uid holds most of its count.
    func testOneProcessOfTheUidThatHoldsMostIsNamed() throws {
        var record = try Fixture.record("rlimit-nproc.jsonl")
        record.top = TopSnapshot(holders: [
            PIDHolder(pid: 4400, comm: "chrome", uid: 61234, threads: 3500),
            PIDHolder(pid: 5120, comm: "bash", uid: 61234, threads: 1),
        ])
        _ = try fixes(
            record, .rlimitNPROC,
            firstStarts:
                "One process holds most of what RLIMIT_NPROC of uid 61234 counts: chrome (pid 4400) has 3500 threads, 85 % of the 4096."
        )
    }

    /// threads-max on the host: a pool in many processes, as for pid_max.
    func testPooledProcessesFillThreadsMax() throws {
        var record = try Fixture.record("centos7-pid-max.jsonl")
        record.pid?.pidMax = 4_194_304
        record.pid?.threadsMax = 20_000
        record.pid?.hostTasks = 20_000
        record.top = TopSnapshot(holders: (0..<8).map { PIDHolder(pid: 300 + $0, comm: "java", threads: 2400) })
        let advice = try fixes(
            record, .threadsMax,
            firstStarts:
                "Cap the program's threads first: 8 java processes of 2400 threads each hold 19200 of the 20000 tasks kernel.threads-max counts (the host's top holders)"
        )
        XCTAssertTrue(advice.contains { $0.contains("sysctl -w kernel.threads-max=40000") }, "the raise stays")
    }
}
