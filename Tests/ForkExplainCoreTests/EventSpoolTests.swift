import Foundation
import XCTest

@testable import ForkExplainCore

/// The JSON report's held texts in a temporary file (`EventSpool`).
final class EventSpoolTests: XCTestCase {
    private func directory() throws -> URL { try temporaryFolder("spool") }

    /// What goes in comes back, in any order, and the file is never seen
    /// in its directory: unlinked as soon as it was made.
    func testTextsComeBackAndNoFileIsLeft() throws {
        let folder = try directory()
        let spool = EventSpool(directory: folder.path)
        let texts: [[UInt8]] = [
            Array("{\n  \"pid\": 1\n}".utf8), [], Array(repeating: 0x41, count: 70_000), [0, 255, 10],
        ]
        let places = try texts.map { try XCTUnwrap(spool.write($0)) }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
        for index in [2, 0, 3, 1, 2] {
            XCTAssertEqual(spool.read(places[index]), texts[index])
        }
        XCTAssertNil(spool.failure)
    }

    /// A directory the file cannot be made in: nothing spooled, the texts
    /// stay in memory (the builder keeps them in shared pieces).
    func testNoSpoolWhereNoFileCanBeMade() throws {
        let spool = EventSpool(directory: try directory().appendingPathComponent("absent").path)
        XCTAssertNil(spool.write(Array("text".utf8)))
        XCTAssertNil(spool.write(Array("again".utf8)), "not tried again at each event")
        XCTAssertNil(spool.failure)
    }

    /// A text that cannot be read back stops the report with why.
    func testAFailedReadIsKeptToStopTheReport() throws {
        let spool = EventSpool(directory: try directory().path)
        let place = try XCTUnwrap(spool.write(Array("short".utf8)))
        XCTAssertNil(spool.read(EventSpool.Place(offset: place.offset, count: 100)))
        let failure = try XCTUnwrap(spool.failure)
        XCTAssertEqual(failure.cause, .cutShort)
        XCTAssertTrue(failure.description.contains("its held events in its temporary file in"), failure.description)
        XCTAssertTrue(failure.description.contains("was cut short"), failure.description)
    }
}
