import XCTest

@testable import ForkExplainCore

final class IncidentTests: XCTestCase {
    func testTalliesJoinTheirFailureAndIncidentsCountEverything() throws {
        let report = try Fixture.report(["centos7-pid-max.jsonl"])
        XCTAssertEqual(report.events.count, 2, "the tally folds into java's failure")
        let java = try XCTUnwrap(report.events.first { $0.comm == "java" })
        XCTAssertEqual(java.count, 1 + 36 + 112)
        XCTAssertEqual(java.lastTime, "2026-11-26T15:30:03.500Z")

        XCTAssertEqual(report.incidents.count, 1)
        let incident = try XCTUnwrap(report.incidents.first)
        XCTAssertEqual(incident.count, 150)
        XCTAssertEqual(incident.verdict.id, .pidMax)
        XCTAssertEqual(incident.pids, [31877, 20417])
        XCTAssertEqual(incident.calls, ["fork", "pthread_create"])
        XCTAssertEqual(incident.errnos, ["ENOMEM", "EAGAIN"])
        XCTAssertEqual(incident.firstTime, "2026-11-26T15:30:01.114Z")
        XCTAssertEqual(incident.lastTime, "2026-11-26T15:30:03.500Z")
        XCTAssertEqual(incident.latest.comm, "java", "the most recent event speaks for the incident")
    }

    func testDifferentHostsOrLimitsAreDifferentIncidents() throws {
        let report = try Fixture.report(["centos7-pid-max.jsonl", "rlimit-nproc.jsonl", "pidns-init-dead.jsonl"])
        XCTAssertEqual(
            report.incidents.map(\.verdict.id), [.rlimitNPROC, .pidMax, .pidNamespaceInitDead],
            "ordered by first failure")
        XCTAssertEqual(report.incidents.map(\.count), [3, 150, 1])
        XCTAssertEqual(report.failureCount, 154)
    }

    /// The fixture's count is padded with spaces, as the shim writes a tally line
    /// whose count it raises in place (docs/log-format.md, "tally").
    func testATallyWithoutItsFailureIsUnexplained() throws {
        let report = try Fixture.report(["tally-only.jsonl"])
        let event = try XCTUnwrap(report.events.first)
        XCTAssertEqual(event.verdict.id, .unexplained)
        XCTAssertEqual(event.count, 9)
        XCTAssertTrue(event.verdict.evidence[0].hasPrefix("only a tally was recorded"))
    }

    func testATallyOfAnotherProcessDoesNotJoin() throws {
        var records = try Fixture.records("centos7-pid-max.jsonl")
        records[2].process?.pid = 999
        let report = ReportBuilder().build(records: records)
        XCTAssertEqual(report.events.count, 3)
        XCTAssertEqual(report.events.last?.verdict.id, .unexplained)
    }

    /// The shim can start a process's tally line while that process's first
    /// failure is still being snapshotted: the line comes first in the log.
    func testATallyBeforeItsFailureJoinsIt() throws {
        let records = try Fixture.records("centos7-pid-max.jsonl")
        let java = try XCTUnwrap(records.firstIndex { $0.type == .failure && $0.process?.comm == "java" })
        let tally = try XCTUnwrap(records.lastIndex { $0.type == .tally && $0.process?.comm == "java" })
        var reordered = records
        reordered.remove(at: tally)
        reordered.insert(records[tally], at: java)
        let report = ReportBuilder().build(records: reordered)
        XCTAssertEqual(report.events.count, 2, "no tally-only event")
        let event = try XCTUnwrap(report.events.first { $0.comm == "java" })
        XCTAssertEqual(event.count, 1 + 36 + 112)
        XCTAssertEqual(event.verdict.id, .pidMax)
    }

    func testFiltersBySinceAndPid() throws {
        let since = try XCTUnwrap(Timestamp.parse("2026-11-26T15:30:02Z"))
        let late = try Fixture.report(["centos7-pid-max.jsonl"], filter: EventFilter(since: since))
        XCTAssertEqual(late.events.map(\.comm), ["java"])

        let bash = try Fixture.report(["centos7-pid-max.jsonl"], filter: EventFilter(pid: 31877))
        XCTAssertEqual(bash.events.map(\.comm), ["bash"])
        XCTAssertEqual(bash.incidents.first?.count, 1)
    }

    /// docs/kernel-facts.md §6.8: one OutOfMemoryError is 4 EAGAINs, and a
    /// retry that found a task gone is still the same failure.
    func testHotSpotRetriesAreOneIncident() throws {
        let java = try XCTUnwrap(Fixture.records("centos7-pid-max.jsonl").first { $0.process?.comm == "java" })
        var attempts: [LogRecord] = []
        for (index, millis) in [0, 2, 4, 6].enumerated() {
            var record = java
            record.call?.suppressed = 0
            record.time = "2026-11-26T15:30:01.10\(millis)Z"
            if index >= 2 { record.pid?.hostTasks = 20_000 }  // threads exited in between
            attempts.append(record)
        }
        var later = attempts[3]
        later.time = "2026-11-26T15:30:09.000Z"
        let report = ReportBuilder().build(records: attempts + [later])
        XCTAssertEqual(report.events.map(\.verdict.id), [.pidMax, .pidMax, .unexplained, .unexplained, .unexplained])
        XCTAssertEqual(report.incidents.count, 2, "the late failure is not a retry")
        let incident = try XCTUnwrap(report.incidents.first)
        XCTAssertEqual(incident.verdict.id, .pidMax)
        XCTAssertEqual(incident.count, 4)
        XCTAssertTrue(incident.misleadingNotes.contains { $0.contains("every 4 EAGAINs of one thread are one error") })
    }

    /// An unexplained attempt is joined by no retry, so the grouper lets
    /// go of it: a failure after it, within the retry window, opens or
    /// joins the unexplained incident as it did when it was held.
    func testUnexplainedAttemptsAreNotHeldAndRetriesGroupAsBefore() throws {
        let java = try XCTUnwrap(Fixture.records("centos7-pid-max.jsonl").first { $0.process?.comm == "java" })
        var attempts: [LogRecord] = []
        for (index, time) in ["01.100", "01.102", "09.000", "09.200"].enumerated() {
            var record = java
            record.call?.suppressed = 0
            record.time = "2026-11-26T15:30:\(time)Z"
            if index >= 1 { record.pid?.hostTasks = 20_000 }  // threads exited in between
            attempts.append(record)
        }
        var grouper = IncidentGrouper()
        let events = ReportBuilder().build(records: attempts).events
        XCTAssertEqual(events.map(\.verdict.id), [.pidMax, .unexplained, .unexplained, .unexplained])
        var held: [Int] = []
        for (sequence, event) in events.enumerated() {
            grouper.add(event, sequence: sequence)
            held.append(grouper.attemptsHeld)
        }
        XCTAssertEqual(held, [1, 1, 0, 0], "the retry keeps pid_max's attempt; the late failures are not held")
        XCTAssertEqual(grouper.grouped.map(\.verdict.id), [.pidMax, .unexplained])
        XCTAssertEqual(grouper.grouped.map(\.count), [2, 2])

        var many = IncidentGrouper()
        for n in 0..<1_000 {
            var record = attempts[2]
            record.process?.pid = 100_000 + n
            let event = try XCTUnwrap(ReportBuilder().build(records: [record]).events.first)
            many.add(event, sequence: n)
        }
        XCTAssertEqual(many.attemptsHeld, 0, "1,000 processes failing without a cause hold no attempt")
        XCTAssertEqual(many.grouped.map(\.count), [1_000])
    }

    /// Text and Markdown keep the first three processes and a count, no
    /// pids; JSON the pids, no processes (`Incident.Lists`): the headline
    /// and the pids the same as from an incident that keeps everything.
    func testAnIncidentKeepsWhatItsReportShowsOfItsProcesses() throws {
        let java = try XCTUnwrap(Fixture.records("centos7-pid-max.jsonl").first { $0.process?.comm == "java" })
        let events = try (0..<7).map { n -> FailureEvent in
            var record = java
            record.process?.pid = 300 - n * 10
            record.time = "2026-11-26T15:30:0\(n).000Z"
            return try XCTUnwrap(ReportBuilder().build(records: [record]).events.first)
        }
        func grouped(_ lists: Incident.Lists, _ order: [Int]) throws -> Incident {
            var grouper = IncidentGrouper(lists: lists)
            for index in order { grouper.add(events[index], sequence: index) }
            return try XCTUnwrap(grouper.grouped.first)
        }
        // Out of log order too: the watch events and those held past the
        // end of a log come after later ones.
        for order in [Array(0..<7), [6, 5, 0, 3, 1, 4, 2]] {
            let all = try grouped(.all, order)
            XCTAssertEqual(all.pids, [300, 290, 280, 270, 260, 250, 240])
            XCTAssertEqual(all.processes.count, 7)
            let text = try grouped([], order)
            XCTAssertEqual(text.pids, [])
            XCTAssertEqual(text.processes, Array(all.processes.prefix(3)))
            XCTAssertEqual(text.processCount, 7)
            XCTAssertEqual(IncidentText.headline(text), IncidentText.headline(all))
            XCTAssertTrue(IncidentText.headline(text).contains("and 4 more"), IncidentText.headline(text))
            let json = try grouped(.pids, order)
            XCTAssertEqual(json.pids, all.pids)
            XCTAssertEqual(json.processCount, 7)
        }
    }
}
