import Foundation
import XCTest

@testable import ForkExplainCore

/// A tally of failures the shim held back in the tree's shared tally area
/// (log-format.md, "held"): read with its section, counted as any tally,
/// and said in the verdict of a tally that stands alone.
final class HeldTallyTests: XCTestCase {
    private static let head =
        #"{"schema":1,"type":"tally","time":"2026-11-29T12:07:31.133Z","host":"h","boot_id":"b","kernel":"6.18.0","process":{"pid":7,"tid":7,"ppid":1,"uid":0,"euid":0,"comm":"childfail"},"#

    private static func line(pid: Int = 7, errno: Int = 12, name: String = "ENOMEM", count: Int, held: String?)
        -> String
    {
        var line = Self.head.replacingOccurrences(of: #""pid":7,"tid":7"#, with: #""pid":\#(pid),"tid":\#(pid)"#)
        line +=
            #""call":{"name":"fork","errno":\#(errno),"errno_name":"\#(name)","suppressed":\#(count),"lost":\#(count)}"#
        if let held { line += #","held":"# + held }
        return line + "}\n"
    }

    private static let heldEACCES =
        #"{"log_errno":13,"log_errno_name":"EACCES","fill":"memcg","overflow":false}"#

    private func records(_ text: String) throws -> [LogRecord] {
        let path = try Fixture.temporaryFile(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try LogReader().readAll([LogSource(path: path)]).records
    }

    func testAHeldTallyIsReadWithItsSection() throws {
        let record = try XCTUnwrap(try records(Self.line(count: 5, held: Self.heldEACCES)).first)
        XCTAssertEqual(record.type, .tally)
        XCTAssertEqual(record.call?.suppressed, 5)
        XCTAssertEqual(record.held?.logErrno, 13)
        XCTAssertEqual(record.held?.logErrnoName, "EACCES")
        XCTAssertEqual(record.held?.fill, "memcg")
        XCTAssertEqual(record.held?.overflow, false)
        let object = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(Self.line(count: 5, held: Self.heldEACCES).utf8))
                as? [String: Any])
        XCTAssertEqual(KnownKeys.unknown(in: object), [])
        // A tally without it, as before.
        XCTAssertNil(try XCTUnwrap(try records(Self.line(count: 2, held: nil)).first).held)
    }

    func testADamagedHeldSectionCostsThatSectionOnly() throws {
        let record = try XCTUnwrap(try records(Self.line(count: 3, held: "[1]")).first)
        XCTAssertNil(record.held)
        XCTAssertEqual(record.call?.suppressed, 3)
    }

    /// The report counts held failures as it counts any tally's: the
    /// parent's record, the child's own tally and the held line written by
    /// the parent are 1 + 2 + 5 failures.
    func testTheReportCountsEveryHeldFailure() throws {
        let text =
            Self.line(pid: 7, errno: 11, name: "EAGAIN", count: 2, held: nil)
            + Self.line(pid: 6, count: 5, held: Self.heldEACCES)
            + Self.line(pid: 6, count: 1, held: nil)
        var stream = ReportStream(filter: EventFilter()) { _, _ in }
        for record in try records(text) { try stream.add(record) }
        _ = try stream.finish()
        XCTAssertEqual(stream.totals.failures, 8)
    }

    func testAHeldTallyAloneSaysSoInItsVerdict() throws {
        let record = try XCTUnwrap(try records(Self.line(count: 5, held: Self.heldEACCES)).first)
        let verdict = Classifier.tallyOnly(record)
        XCTAssertTrue(
            verdict.evidence.contains {
                $0.hasPrefix("5 of these failures were held back in the process tree's shared tally area")
                    && $0.contains("failed with EACCES") && $0.contains("(memcg)")
            }, "\(verdict.evidence)")
        var overflowed = record
        overflowed.held?.overflow = true
        XCTAssertTrue(
            Classifier.tallyOnly(overflowed).evidence.contains { $0.contains("the held slots were full") })
    }
}
