import Foundation
import XCTest

@testable import ForkExplainCore

/// The unwrapping itself: pieces joined, documents over many lines or in
/// one huge line, what is counted as not a record and what as malformed.
final class EnvelopeTests: XCTestCase {
    private var record: String {
        get throws {
            try String(contentsOfFile: try Fixture.path("cgroup-pids-parent.jsonl"), encoding: .utf8)
                .trimmingCharacters(in: .newlines)
        }
    }

    private func read(_ text: String) throws -> (records: [LogRecord], summary: LogFileSummary) {
        let path = try Fixture.temporaryFile(text)
        defer { unlink(path) }
        var records: [LogRecord] = []
        let summary = try LogReader().read(LogSource(path: path)) { records.append($0) }
        return (records, summary)
    }

    private func json(_ object: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    func testBareRecordsAreNotEnvelopes() throws {
        let (records, summary) = try read(try record + "\n")
        XCTAssertEqual(records.count, 1)
        XCTAssertEqual(summary.envelopeRecords, [:])
    }

    /// Docker cuts a line longer than 16 KiB into pieces whose `log` has no
    /// newline; the pieces of stderr are joined though stdout comes between.
    func testDockerPiecesAreJoinedPerStream() throws {
        let line = try record
        let cut = [line.prefix(700), line.dropFirst(700).prefix(900), line.dropFirst(1600)].map(String.init)
        var lines = [
            try json(["log": cut[0], "stream": "stderr", "time": "2026-11-26T11:45:10.1Z"]),
            try json(["log": "stdout between\n", "stream": "stdout", "time": "2026-11-26T11:45:10.2Z"]),
            try json(["log": cut[1], "stream": "stderr", "time": "2026-11-26T11:45:10.3Z"]),
        ]
        lines.append(try json(["log": cut[2] + "\n", "stream": "stderr", "time": "2026-11-26T11:45:10.4Z"]))
        let (records, summary) = try read(lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(records.first?.host, "node-4")
        XCTAssertEqual(summary.envelopeRecords, [.docker: 1])
        XCTAssertEqual(summary.otherLines, 1)
        XCTAssertEqual(summary.skippedLines, 0)
    }

    /// containerd's P pieces, two streams interleaved, and a last piece
    /// never finished (the container died): read as it is at the end.
    func testCRIPiecesAreJoinedPerStream() throws {
        let line = try record
        let head = String(line.prefix(1000))
        let tail = String(line.dropFirst(1000))
        let text = """
            2026-11-26T11:45:10.1+01:00 stderr P \(head)
            2026-11-26T11:45:10.2Z stdout F GC pause 3ms
            2026-11-26T11:45:10.3Z stderr F \(tail)
            2026-11-26T11:45:10.4Z stdout F 
            2026-11-26T11:45:11.5Z stderr P \(line)

            """
        let (records, summary) = try read(text)
        XCTAssertEqual(records.count, 2)
        XCTAssertEqual(summary.envelopeRecords, [.cri: 2])
        XCTAssertEqual(summary.otherLines, 2)
    }

    /// `kubectl logs --timestamps` alone, and `journalctl -o cat` (bare
    /// lines): the program's lines are not records, and not malformed.
    func testTimestampsAndBareProgramOutput() throws {
        let line = try record
        let text = """
            2026-11-26T11:45:10.251408112Z \(line)
            2026-11-26T11:45:10.3Z Exception in thread "pool-3-thread-7" java.lang.OutOfMemoryError
            Starting worker pool
            {"level":"info","msg":"listening","port":8080}
            \(line)

            """
        let (records, summary) = try read(text)
        XCTAssertEqual(records.count, 2)
        XCTAssertEqual(summary.envelopeRecords, [.kubectl: 1])
        XCTAssertEqual(summary.otherLines, 3)
        XCTAssertEqual(summary.skippedLines, 0)
    }

    /// A record cut short inside an envelope is malformed: it tried to be one.
    func testATruncatedRecordInAnEnvelopeIsMalformed() throws {
        let cut = String(try record.prefix(400))
        let (_, summary) = try read("2026-11-26T11:45:10.3Z stderr F \(cut)\n" + (try record) + "\n")
        XCTAssertEqual(summary.records, 1)
        XCTAssertEqual(summary.skippedLines, 1)
        XCTAssertEqual(summary.otherLines, 0)
    }

    /// A container that logged no record at all: no failures, not "not a log".
    func testAnEnvelopeOfProgramOutputOnlyIsALogWithoutFailures() throws {
        let (records, summary) = try read(#"{"log":"ready\n","stream":"stdout","time":"2026-11-26T11:45:10Z"}"# + "\n")
        XCTAssertTrue(records.isEmpty)
        XCTAssertEqual(summary.otherLines, 1)
        // Text, even with a time in front as any program's log has, is not a log.
        let path = try Fixture.temporaryFile("just text\n2026-11-26T11:45:10Z INFO started: [ok]\n")
        defer { unlink(path) }
        XCTAssertThrowsError(try LogReader().read(LogSource(path: path)) { _ in }) {
            XCTAssertEqual($0 as? LogReadError, .notALog(path: path))
        }
    }

    /// logcli's default output: time, the stream's labels, the line.
    func testLogcliDefaultOutput() throws {
        let text = "2026-11-26T11:45:10Z {host=\"node-4\", job=\"forkexplain\"}   \(try record)\n"
        let (records, summary) = try read(text)
        XCTAssertEqual(records.count, 1)
        XCTAssertEqual(summary.envelopeRecords, [.loki: 1])
    }

    /// A syslog line (`Nov 26 11:45:10 node-4 forkexplain: RECORD`), as
    /// rsyslog's traditional format or `journalctl` without `-o` shows it.
    func testSyslogStylePrefix() throws {
        let (records, summary) = try read("Nov 26 11:45:10 node-4 forkexplain[41]: \(try record)\n")
        XCTAssertEqual(records.count, 1)
        XCTAssertEqual(summary.envelopeRecords, [.textPrefix: 1])
    }

    /// A program's own output line `{` (a struct it prints, say) between
    /// records is no document: the records after it are read, not held
    /// until 256 MiB had passed (issue #8, found on re-attack). An array
    /// of records one per line is still one document.
    func testALoneBraceDoesNotSwallowTheRecordsAfterIt() throws {
        let line = try record
        let (records, summary) = try read(line + "\n{\n" + line + "\n" + line + "\n")
        XCTAssertEqual(records.count, 3)
        XCTAssertEqual(summary.otherLines, 1)
        let (listed, _) = try read("[\n" + line + ",\n" + line + "\n]\n")
        XCTAssertEqual(listed.count, 2)
    }

    /// The same for a program's lone `[` line: it took the record after it
    /// for an array's first element and, when the next record came with no
    /// comma between, dropped both lines as output: a record lost. Records
    /// after a `[` that never closes are read too; an array of records one
    /// per line, or cut short after a comma, is still a document.
    func testALoneBracketDoesNotSwallowTheRecordsAfterIt() throws {
        let line = try record
        let (records, summary) = try read(line + "\n[\n" + line + "\n" + line + "\n" + line + "\n")
        XCTAssertEqual(records.count, 4)
        XCTAssertEqual(summary.otherLines, 1)
        XCTAssertEqual(summary.skippedLines, 0)
        let (last, lastSummary) = try read(line + "\n[\n" + line + "\n")
        XCTAssertEqual(last.count, 2)
        XCTAssertEqual(lastSummary.otherLines, 1)
        let (listed, _) = try read("[\n" + line + ",\n" + line + "\n]\n")
        XCTAssertEqual(listed.count, 2)
        let (cut, cutSummary) = try read(line + "\n[\n" + line + ",\n" + line + ",\n")
        XCTAssertEqual(cut.count, 1)
        XCTAssertEqual(cutSummary.skippedLines + cutSummary.otherLines, 3)
    }

    /// The Loki response pretty-printed over many lines (`jq .`), and the
    /// same response on one line far longer than a record may be (more
    /// than the 1 MiB lines used to be held to).
    func testWholeDocumentsOverManyLinesAndInOneHugeLine() throws {
        let line = try record
        let values = (0..<600).map { ["17641575\($0)", line] }
        let response: [String: Any] = [
            "status": "success",
            "data": ["resultType": "streams", "result": [["stream": ["job": "forkexplain"], "values": values]]],
        ]
        let pretty = String(
            decoding: try JSONSerialization.data(withJSONObject: response, options: [.prettyPrinted]), as: UTF8.self)
        XCTAssertGreaterThan(pretty.split(separator: "\n").count, 600)
        let one = try json(response)
        XCTAssertGreaterThan(one.utf8.count, 1 << 20)
        let (records, summary) = try read(pretty + "\n" + one + "\n")
        XCTAssertEqual(records.count, 1200)
        XCTAssertEqual(summary.envelopeRecords, [.loki: 1200])
        XCTAssertEqual(summary.skippedLines, 0)
        XCTAssertEqual(summary.otherLines, 0)
    }

    /// `journalctl -o json-seq` (each entry after an RS byte) and
    /// `-o json-pretty` (each over many lines), and Fluent Bit's
    /// `format json` (one array of events) and its events with metadata.
    func testJournaldSequencesAndPrettyEntriesAndEventArrays() throws {
        let entry = try json(["__CURSOR": "s=1", "_HOSTNAME": "node-4", "MESSAGE": try record])
        let object = try JSONSerialization.jsonObject(with: Data(entry.utf8))
        let pretty = String(
            decoding: try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted]), as: UTF8.self)
        let events = try json([
            ["date": 1_764_157_510.25, "log": try record], ["date": 1_764_157_511.0, "log": "ready"],
        ])
        // Fluent Bit 2.1's event: [[TIME, METADATA], RECORD].
        let withMetadata = try json([[1_764_157_512.5, [String: String]()], ["log": try record]])
        let (records, summary) = try read(
            "\u{1E}\(entry)\n" + pretty + "\n" + events + "\n" + withMetadata + "\n")
        XCTAssertEqual(records.count, 4)
        XCTAssertEqual(summary.envelopeRecords, [.journald: 2, .fluentBit: 2])
        XCTAssertEqual(summary.otherLines, 1)
        XCTAssertEqual(summary.skippedLines, 0)
    }

    /// A document that never closes is counted as malformed, line by line.
    func testAnUnclosedDocumentIsMalformed() throws {
        let (_, summary) = try read((try record) + "\n{\n  \"hits\": {\n")
        XCTAssertEqual(summary.records, 1)
        XCTAssertEqual(summary.skippedLines, 2)
    }

    /// A record pretty-printed by `jq .` is a record.
    func testAPrettyPrintedRecord() throws {
        let object = try JSONSerialization.jsonObject(with: Data(try record.utf8))
        let pretty = String(
            decoding: try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted]), as: UTF8.self)
        let (records, _) = try read(pretty + "\n")
        XCTAssertEqual(records.first?.host, "node-4")
    }

    /// Nesting has a bound: a hostile document cannot recurse without end.
    func testNestingIsBounded() throws {
        var text = try json(["message": try record])
        for _ in 0..<10 { text = try json(["message": text]) }
        let (_, summary) = try read((try record) + "\n" + text + "\n")
        XCTAssertEqual(summary.records, 1)
        XCTAssertEqual(summary.otherLines, 1)
    }

    func testWritingAParsedRecordBackRoundTrips() throws {
        let value = try XCTUnwrap(
            JSONValue.parse(Array(#"{"a":"q\"\\\n\u0001é","b":[1,-2,3.5,true,null],"c":{}}"#.utf8)[...]))
        let again = try XCTUnwrap(JSONValue.parse(value.jsonBytes[...]))
        XCTAssertEqual(value.jsonBytes, again.jsonBytes)
        XCTAssertEqual(
            String(decoding: value.jsonBytes, as: UTF8.self),
            #"{"a":"q\"\\\u000a\u0001é","b":[1,-2,3.5,true,null],"c":{}}"#)
    }
}
