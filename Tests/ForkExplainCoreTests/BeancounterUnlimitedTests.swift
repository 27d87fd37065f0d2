import XCTest

@testable import ForkExplainCore

/// /proc/user_beancounters writes LONG_MAX for every unlimited barrier and
/// limit; on a default OpenVZ container that is every row but numproc. The
/// reader took it for an out-of-range field, lost it, and every OpenVZ
/// report said "Unreadable fields left out".
final class BeancounterUnlimitedTests: XCTestCase {
    private let line = """
        {"schema":1,"type":"failure","process":{"pid":7},"call":{"name":"fork","errno":12},
         "beancounters":{"ctid":101,
          "numproc":{"held":65,"maxheld":65,"barrier":65,"limit":65,"failcnt":311},
          "privvmpages":{"held":10,"maxheld":20,"barrier":9223372036854775807,"limit":9223372036854775807,"failcnt":0},
          "physpages":{"held":70000,"maxheld":90000,"barrier":0,"limit":9223372036854775807,"failcnt":0}}}
        """

    func testLongMaxIsUnlimitedNotLost() throws {
        let (record, lost) = try XCTUnwrap(RecordDecoder.decode(Array(line.utf8)[...]))
        XCTAssertEqual(lost, 0)
        let counters = try XCTUnwrap(record.beancounters)
        XCTAssertEqual(counters.numproc?.finiteLimit, 65)
        XCTAssertEqual(counters.privvmpages?.limit, BeancounterRow.unlimited)
        XCTAssertEqual(counters.privvmpages?.barrier, BeancounterRow.unlimited)
        XCTAssertNil(counters.privvmpages?.finiteLimit)
        XCTAssertNil(counters.physpages?.finiteLimit)
        XCTAssertEqual(counters.physpages?.barrier, 0)
    }

    func testANegativeLimitIsStillLost() throws {
        let bad = line.replacingOccurrences(of: #""barrier":65,"limit":65"#, with: #""barrier":65,"limit":-3"#)
        let (record, lost) = try XCTUnwrap(RecordDecoder.decode(Array(bad.utf8)[...]))
        XCTAssertEqual(lost, 1)
        XCTAssertNil(record.beancounters?.numproc?.limit)
    }
}
