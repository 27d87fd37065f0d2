import ForkExplainLive
import Foundation
import XCTest

@testable import ForkExplainCore

/// The C collector and the Swift model must agree on every key: a field the
/// C side starts writing fails here until the model knows it (decoded, or
/// listed as read past on purpose).
final class SchemaAgreementTests: XCTestCase {
    private func liveRecord() throws -> [String: Any] {
        let data = try LiveSnapshot.json(pid: nil)
        return try XCTUnwrap(
            try JSONSerialization.jsonObject(with: data) as? [String: Any], "the collector wrote no JSON object")
    }

    func testEveryKeyOfALiveRecordIsKnownToTheModel() throws {
        let record = try liveRecord()
        // A record without its sections would pass vacuously.
        for section in ["process", "pid", "limits", "memory"] {
            XCTAssertNotNil(record[section], "the live record has no \(section) section")
        }
        XCTAssertEqual(
            KnownKeys.unknown(in: record), [], "keys the C collector writes and the Swift model does not know")
    }

    func testTheCheckCatchesAKeyTheModelDoesNotKnow() throws {
        var record = try liveRecord()
        var memory = try XCTUnwrap(record["memory"] as? [String: Any])
        memory["psi_some_avg10"] = 1
        record["memory"] = memory
        record["cpu"] = ["pressure": 1]
        XCTAssertEqual(KnownKeys.unknown(in: record), ["cpu", "memory.psi_some_avg10"])
    }

    func testTheLiveRecordDecodesWithItsSections() throws {
        let record = try LiveSnapshot.take(pid: nil)
        XCTAssertEqual(record.schema, LogRecord.knownSchema)
        XCTAssertNotNil(record.process?.pid)
        XCTAssertNotNil(record.pid?.pidMax)
        XCTAssertNotNil(record.memory?.memTotalKb)
    }
}
