import Foundation
import XCTest

@testable import ForkExplainCore

final class LogReaderTests: XCTestCase {
    func testMalformedLinesAreCountedAndSkipped() throws {
        let (records, files) = try LogReader().readAll([LogSource(path: try Fixture.path("mixed.jsonl"))])
        // A record, a schema-2 failure and a schema-2 heartbeat; blank lines are not counted.
        XCTAssertEqual(records.count, 3)
        XCTAssertEqual(files.first?.records, 3)
        // The record cut short is malformed; text, an array and an object
        // without a schema are not records at all (docs/log-format.md, "Compatibility").
        XCTAssertEqual(files.first?.skippedLines, 1)
        XCTAssertEqual(files.first?.otherLines, 3)
        XCTAssertEqual(files.first?.newerSchemaSeen, true)
    }

    /// A writer's line cut short, and another's whole record appended to
    /// it before the newline could be put back: the record is read, the
    /// torn part counted as malformed (docs/design.md, "A full disk").
    func testARecordGluedToATornLineIsRead() throws {
        let lines = try String(contentsOfFile: Fixture.path("cgroup-pids-parent.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        let whole = try XCTUnwrap(lines.first)
        let torn = whole.prefix(whole.count / 2)
        let path = try Fixture.temporaryFile("\(whole)\n\(torn)\(whole)\n\(torn)\n")
        defer { unlink(path) }
        let (records, files) = try LogReader().readAll([LogSource(path: path)])
        XCTAssertEqual(records.count, 2)
        XCTAssertEqual(records.last?.process?.pid, records.first?.process?.pid)
        XCTAssertEqual(files.first?.skippedLines, 2)
    }

    func testANewerRecordIsReadAsFarAsPossible() throws {
        let newer = try XCTUnwrap(Fixture.records("mixed.jsonl").first { $0.schema == 2 && $0.type == .failure })
        XCTAssertEqual(newer.call?.errnoName, "ENOMEM")
        XCTAssertEqual(newer.process?.comm, "bash")
        XCTAssertNil(newer.pid?.pidMax, "the retyped field is dropped, not the record")
        XCTAssertEqual(newer.pid?.threadsMax, 192_730, "nor the rest of its section")
    }

    func testMissingFileIsAOneLineError() throws {
        XCTAssertThrowsError(try LogReader().read(LogSource(path: "/nonexistent/fx.jsonl")) { _ in }) { error in
            XCTAssertEqual(
                "\(error)",
                "cannot read /nonexistent/fx.jsonl: No such file or directory (nothing recorded there yet? run the program under `forkexplain run -- CMD`, or name the log)"
            )
            XCTAssertFalse("\(error)".contains("\n"))
        }
    }

    func testADirectoryIsNotALogFile() {
        XCTAssertThrowsError(try LogReader().read(LogSource(path: "/")) { _ in }) { error in
            XCTAssertEqual("\(error)", "/ is a directory, not a log file")
        }
    }

    /// A FIFO planted at a log's path: opening it for reading would wait for a
    /// writer forever; it is named instead, at once.
    func testAFIFOIsNamedNotOpenedForever() throws {
        let path = try Fixture.temporaryFile("")
        defer { unlink(path) }
        unlink(path)
        XCTAssertEqual(mkfifo(path, 0o600), 0)
        XCTAssertThrowsError(try LogReader().read(LogSource(path: path)) { _ in }) { error in
            XCTAssertEqual(error as? LogReadError, .notAFile(path: path, kind: "a FIFO"))
            XCTAssertEqual("\(error)", "\(path) is a FIFO, not a log file")
        }
    }

    func testACharacterDeviceIsNotReadForever() {
        XCTAssertThrowsError(try LogReader().read(LogSource(path: "/dev/zero")) { _ in }) { error in
            XCTAssertEqual("\(error)", "/dev/zero is a character device, not a log file")
        }
    }

    func testTheOwnerIsRecordedForTheWarning() throws {
        let path = try Fixture.temporaryFile("")
        defer { unlink(path) }
        let summary = try LogReader().read(LogSource(path: path)) { _ in }
        XCTAssertEqual(summary.owner, geteuid())
    }

    func testAForeignFileIsNotALog() throws {
        let path = try Fixture.path("not-a-log.txt")
        XCTAssertThrowsError(try LogReader().read(LogSource(path: path)) { _ in }) { error in
            XCTAssertEqual(error as? LogReadError, .notALog(path: path))
            XCTAssertTrue("\(error)".hasSuffix("is not a forkexplain log (no line has a schema and type field)"))
        }
    }

    func testAnEmptyFileIsAnEmptyLog() throws {
        let path = try Fixture.temporaryFile("")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let summary = try LogReader().read(LogSource(path: path)) { _ in XCTFail("no records expected") }
        XCTAssertEqual(summary.records, 0)
        XCTAssertEqual(summary.skippedLines, 0)
    }

    func testReadingFromAnOffsetSeesOnlyLaterRecords() throws {
        let lines = try String(contentsOfFile: try Fixture.path("centos7-pid-max.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        let path = try Fixture.temporaryFile(lines[0] + "\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let offset = UInt64(lines[0].utf8.count + 1)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((lines[1] + "\n").utf8))
        try handle.close()

        var seen: [String] = []
        let summary = try LogReader().read(LogSource(path: path, offset: offset)) {
            seen.append($0.process?.comm ?? "")
        }
        XCTAssertEqual(seen, ["java"])
        XCTAssertEqual(summary.records, 1)
    }

    func testAnUnterminatedLastLineIsRead() throws {
        let text = try String(contentsOfFile: try Fixture.path("rlimit-nproc.jsonl"), encoding: .utf8)
        let path = try Fixture.temporaryFile(text.trimmingCharacters(in: .newlines))
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertEqual(try LogReader().readAll([LogSource(path: path)]).records.count, 1)
    }

    func testLinesLongerThanAChunkAreJoined() throws {
        var record = try String(contentsOfFile: try Fixture.path("rlimit-nproc.jsonl"), encoding: .utf8)
            .trimmingCharacters(in: .newlines)
        // Pad one record past the 64 KiB read size with an unknown field.
        record.removeLast()
        record += ",\"padding\":\"" + String(repeating: "x", count: 70_000) + "\"}\n"
        let path = try Fixture.temporaryFile(record + record)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (records, files) = try LogReader().readAll([LogSource(path: path)])
        XCTAssertEqual(records.count, 2)
        XCTAssertEqual(files.first?.skippedLines, 0)
    }
}
