import Foundation
import XCTest

@testable import ForkExplainCore

final class ModelTests: XCTestCase {
    /// Decodes as the log reader does, keys as the shim writes them (the
    /// models spell them out).
    private func decode(_ json: String) throws -> LogRecord {
        try LogRecord(jsonLine: Array(json.utf8))
    }

    func testLimitsDecodeNumbersAndKernelWords() throws {
        let record = try decode(
            """
            {"schema":1,"type":"failure","limits":{"nproc":{"soft":63,"hard":"unlimited"},"as":{"soft":"unlimited"}},
             "cgroups":{"pids":[{"max":"max","current":3},{"max":10,"current":10}]}}
            """)
        XCTAssertEqual(record.limits?.nproc?.soft, .value(63))
        XCTAssertEqual(record.limits?.as?.soft, .unlimited)
        XCTAssertEqual(record.cgroups?.pids?[0].max, .unlimited)
        XCTAssertEqual(record.cgroups?.pids?[1].max?.number, 10)
    }

    func testUnknownFieldsAreIgnoredAndSnakeCaseMaps() throws {
        let record = try decode(
            """
            {"schema":1,"type":"failure","future":{"x":1},"boot_id":"b","pid":{"pid_for_children_ns":4026532177,"children_ns_tasks":0,"new":true}}
            """)
        XCTAssertEqual(record.bootId, "b")
        XCTAssertEqual(record.pid?.pidForChildrenNs, 4_026_532_177)
        XCTAssertEqual(record.pid?.childrenNsTasks, 0)
    }

    func testADamagedFieldCostsOnlyThatFieldAndADamagedSectionOnlyThatSection() throws {
        let record = try decode(
            """
            {"schema":2,"type":"failure","host":"h","pid":{"pid_max":"per-level","threads_max":7},"limits":[1],"call":{"name":"fork","errno":12}}
            """)
        XCTAssertNil(record.pid?.pidMax)
        XCTAssertEqual(record.pid?.threadsMax, 7)
        XCTAssertNil(record.limits)
        XCTAssertEqual(record.call?.name, "fork")
        XCTAssertEqual(record.call?.resolvedErrnoName, "ENOMEM")
        XCTAssertTrue(record.isNewerSchema)
    }

    func testSchemaAndTypeAreRequired() {
        XCTAssertThrowsError(try decode(#"{"type":"failure"}"#))
        XCTAssertThrowsError(try decode(#"{"schema":1}"#))
        XCTAssertThrowsError(try decode(#"{"schema":"1","type":"failure"}"#))
    }

    func testOtherRecordTypesAreKept() throws {
        XCTAssertEqual(try decode(#"{"schema":2,"type":"heartbeat"}"#).type, .other("heartbeat"))
        XCTAssertEqual(try decode(#"{"schema":1,"type":"tally"}"#).type, .tally)
    }

    func testKernelAndGlibcVersions() throws {
        XCTAssertEqual(ReleaseVersion("3.10.0-1127.el7.x86_64")?.components, [3, 10, 0])
        XCTAssertEqual(ReleaseVersion("6.18.44-fc-v669")?.components, [6, 18, 44])
        XCTAssertEqual(ReleaseVersion("4.18.0-553.el8_10.x86_64")?.components, [4, 18, 0])
        XCTAssertEqual(ReleaseVersion("2.36")?.components, [2, 36])
        XCTAssertNil(ReleaseVersion("unknown"))
        // The byte-wise reading of ASCII text ends where the character-wise one does.
        XCTAssertEqual(ReleaseVersion("2.36.")?.components, [2, 36])
        XCTAssertEqual(ReleaseVersion("2..36")?.components, [2])
        XCTAssertEqual(ReleaseVersion("007.1x.5")?.components, [7, 1])
        XCTAssertEqual(ReleaseVersion("5.99999999999999999999.1")?.components, [5])
        XCTAssertNil(ReleaseVersion(".5"))
        XCTAssertNil(ReleaseVersion(""))
        XCTAssertEqual(ReleaseVersion("6.1\u{301}.2")?.components, [6])
        XCTAssertEqual(ReleaseVersion("6.18é")?.components, [6, 18])
        XCTAssertLessThan(try XCTUnwrap(ReleaseVersion("3.10.0-1127")), ReleaseVersion(4, 1))
        XCTAssertLessThan(ReleaseVersion(4, 1), try XCTUnwrap(ReleaseVersion("4.15")))
        XCTAssertEqual(ReleaseVersion(2, 34), ReleaseVersion(2, 34, 0))
    }

    func testCallKind() {
        var clone = CallSnapshot(name: "clone")
        clone.cloneFlags = 0x3d0f00  // pthread-style flags, CLONE_THREAD included
        XCTAssertEqual(CallKind(call: clone), .thread)
        clone.cloneFlags = 17  // SIGCHLD: a fork
        XCTAssertEqual(CallKind(call: clone), .process)
        XCTAssertEqual(CallKind(call: CallSnapshot(name: "posix_spawnp")), .process)
        XCTAssertEqual(CallKind(call: CallSnapshot(name: "pthread_create")), .thread)
    }

    /// A call this reader does not know (a newer shim, a watcher's clone3)
    /// keeps its text and is classified on its numbers alone.
    func testUnknownCallNameStillDecodesAndClassifies() throws {
        let line = #"""
            {"schema":1,"type":"failure","host":"h","call":{"name":"clone3","errno":11,"errno_name":"EAGAIN"},"limits":{"nproc":{"soft":10},"uid_tasks":10}}
            """#
        let record = try LogRecord(jsonLine: Array(line.utf8))
        XCTAssertEqual(record.call?.name, "clone3")
        XCTAssertNil(record.call?.wrappedCall)
        XCTAssertEqual(CallKind(call: record.call), .unknown)
        let verdict = Classifier().classify(record)
        XCTAssertEqual(verdict.id, .rlimitNPROC)
        XCTAssertTrue(ReportBuilder().build(records: [record]).events.first?.callDescription == "clone3")
    }

    /// The format document's own example record: every key is known.
    func testEveryKeyOfTheDocumentedRecordIsKnown() throws {
        let doc = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/log-format.md")
        let text = try String(contentsOf: doc, encoding: .utf8)
        let start = try XCTUnwrap(text.range(of: "```json\n"), "no JSON example in \(doc.path)")
        let end = try XCTUnwrap(text.range(of: "```", range: start.upperBound..<text.endIndex))
        let example = try JSONSerialization.jsonObject(with: Data(text[start.upperBound..<end.lowerBound].utf8))
        XCTAssertEqual((example as? [String: Any])?["type"] as? String, "failure")
        XCTAssertEqual(KnownKeys.unknown(in: example), [])
    }

    func testCallNamesAreTheCNames() {
        XCTAssertEqual(
            CallName.allCases.map(\.rawValue),
            [
                "fork", "_Fork", "vfork", "clone", "pthread_create", "posix_spawn", "posix_spawnp", "system",
                "popen", "forkpty", "daemon",
            ])
    }

    func testTimestamps() throws {
        let date = try XCTUnwrap(Timestamp.parse("2026-11-26T15:30:00.123Z"))
        XCTAssertEqual(date.timeIntervalSince1970, 1_795_707_000.123, accuracy: 0.0005)
        XCTAssertEqual(Timestamp.parse("2026-11-26T17:30:00+02:00"), Timestamp.parse("2026-11-26T15:30:00Z"))
        XCTAssertEqual(Timestamp.parse("2026-11-26")?.timeIntervalSince1970, 1_795_651_200)
        XCTAssertNil(Timestamp.parse("yesterday"))
        XCTAssertNil(Timestamp.parse("2026-13-01"))
    }

    func testTimeSpecAcceptsAges() throws {
        let now = Date(timeIntervalSince1970: 1_000_000)
        XCTAssertEqual(TimeSpec("10m", now: now)?.date.timeIntervalSince1970, 1_000_000 - 600)
        XCTAssertEqual(TimeSpec("2h", now: now)?.date.timeIntervalSince1970, 1_000_000 - 7_200)
        XCTAssertEqual(TimeSpec("1d", now: now)?.date.timeIntervalSince1970, 1_000_000 - 86_400)
        XCTAssertNil(TimeSpec("10 parsecs", now: now))
    }
}
