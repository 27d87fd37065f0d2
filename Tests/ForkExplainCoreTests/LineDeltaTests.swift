import Foundation
import XCTest

@testable import ForkExplainCore

/// The JSON report's waiting texts spooled as lines of a reference
/// (`LineDelta`, `WaitingWrites`): each comes back byte for byte, in any
/// order, and the spool holds what differs, not the texts.
final class LineDeltaTests: XCTestCase {
    /// A text of lines drawn from a few (so that many are the reference's),
    /// some long, some empty, the last with or without its newline.
    private func text(_ random: inout SplitMix) -> [UInt8] {
        let lines = ["{", "}", "", "  \"pid\" : 1", "  \"tid\" : 2,", String(repeating: "x", count: 300), "\u{e9}\0"]
        var bytes: [UInt8] = []
        for _ in 0..<Int.random(in: 0..<40, using: &random) {
            let line =
                Int.random(in: 0..<4, using: &random) == 0
                ? "own \(random.next())" : lines[Int.random(in: 0..<lines.count, using: &random)]
            bytes += Array(line.utf8) + [UInt8(ascii: "\n")]
        }
        if Bool.random(using: &random), !bytes.isEmpty { bytes.removeLast() }
        return bytes
    }

    /// A text changed from `base`: lines replaced, added and taken out.
    private func changed(_ base: [UInt8], _ random: inout SplitMix) -> [UInt8] {
        var lines = base.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        for _ in 0..<Int.random(in: 0..<6, using: &random) {
            let at = Int.random(in: 0...lines.count, using: &random)
            switch Int.random(in: 0..<3, using: &random) {
            case 0 where at < lines.count: lines[at] = Array("pid \(random.next())".utf8)
            case 1 where at < lines.count: lines.remove(at: at)
            default: lines.insert(Array("new \(random.next())".utf8), at: at)
            }
        }
        return Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    }

    func testEveryTextComesBackAgainstEveryReference() {
        var decoded = 0
        for seed in 0..<40 {
            var random = SplitMix(seed: UInt64(seed))
            let reference = LineDelta(reference: text(&random))
            for _ in 0..<200 {
                let made = Bool.random(using: &random) ? changed(reference.bytes, &random) : text(&random)
                let delta = reference.encode(made)
                XCTAssertEqual(reference.decode(delta), made, "seed \(seed)")
                XCTAssertEqual(LineDelta(reference: []).decode(LineDelta(reference: []).encode(made)), made)
                decoded += 1
            }
        }
        XCTAssertEqual(decoded, 8_000)
    }

    /// An event's text against another process's of the same program: the
    /// lines that differ and a few bytes for each run of the rest.
    func testAnotherProcesssTextIsAFewBytes() throws {
        let base = try Fixture.record("cgroup-pids-parent.jsonl")
        let texts = try [100_001, 100_002].map { pid -> [UInt8] in
            var record = base
            record.process?.pid = pid
            record.process?.tid = pid
            let event = try XCTUnwrap(EventBuilder.classified(record, by: Classifier()))
            return EventJSONText(event).bytes
        }
        let reference = LineDelta(reference: texts[0])
        let delta = reference.encode(texts[1])
        XCTAssertEqual(reference.decode(delta), texts[1])
        XCTAssertGreaterThan(texts[1].count, 1_000)
        XCTAssertLessThan(delta.count, 100, String(decoding: delta, as: UTF8.self))
    }

    /// A delta cut short, or naming lines the reference has not, is refused
    /// (the report stops), never read as some other text.
    func testABrokenDeltaIsRefused() {
        let reference = LineDelta(reference: Array("a\nb\nc\n".utf8))
        let delta = reference.encode(Array("a\nb\nzz\nc\n".utf8))
        XCTAssertEqual(reference.decode(delta).map { String(decoding: $0, as: UTF8.self) }, "a\nb\nzz\nc\n")
        for cut in 1..<delta.count { XCTAssertNil(reference.decode(Array(delta[..<cut])), "cut at \(cut)") }
        XCTAssertNil(reference.decode([2, 6, 1]), "a run from line 3 of 3")
        XCTAssertNil(reference.decode([8, 0, 4]), "4 lines of 3")
        XCTAssertNil(reference.decode([4, 0, 1]), "2 bytes where it says 4")
        XCTAssertNil(reference.decode([1, 0, 1]), "2 bytes where it says 1")
        XCTAssertNil(LineDelta(reference: []).decode([2, 0, 1]))
        XCTAssertEqual(reference.decode([4, 0, 2]), Array("a\nb\n".utf8))
    }

    /// Texts of two shapes under one key: each shape gets a reference, each
    /// text comes back, and a reference number not made is refused.
    func testAKeysTextsOfTwoShapesEachGetAReference() {
        var references = DeltaReferences<Int>()
        let shapes = [(0..<60).map { "line \($0)\n" }, (0..<60).map { "other \($0)\n" }]
        var spooled: [([UInt8], [UInt8])] = []
        for index in 0..<40 {
            var lines = shapes[index % 2]
            lines[5] = "pid \(index)\n"
            let text = Array(lines.joined().utf8)
            let made = references.encode(text, key: 7)
            spooled.append((text, made))
            XCTAssertLessThan(made.count, 40, "text \(index)")
        }
        XCTAssertEqual(references.count, 2)
        for (text, made) in spooled.reversed() { XCTAssertEqual(references.decode(made), text) }
        XCTAssertNil(references.decode([3, 0]))
        XCTAssertEqual(references.decode([0, 1, 3, 0x41]), [0x41], "reference 0: the text itself")
    }

    /// Events of several backtraces and processes held and taken in a
    /// random order, most past `spoolFrom`, against a dictionary of their
    /// texts: each comes back whole, and the spool holds a fraction of them.
    func testWaitingTextsComeBackInAnyOrder() throws {
        let classifier = Classifier()
        var bases: [LogRecord] = []
        for name in ["cgroup-pids-parent.jsonl", "rlimit-nproc.jsonl", "memory-exhausted.jsonl", "workloads.jsonl"] {
            bases += try Fixture.records(name).filter { $0.type == .failure }.prefix(3)
        }
        XCTAssertGreaterThan(Set(bases.map { $0.backtrace?.count ?? 0 }).count, 1, "backtraces of several lengths")
        for seed in 0..<6 {
            var random = SplitMix(seed: UInt64(1_000 + seed))
            var waiting = WaitingWrites(spoolFrom: 8)
            var model: [Int32: [UInt8]] = [:]
            var textBytes = 0
            for step in 0..<3_000 {
                if model.isEmpty || Int.random(in: 0..<5, using: &random) < 3 {
                    var record = bases[Int.random(in: 0..<bases.count, using: &random)]
                    record.process?.pid = 200_000 + step
                    record.process?.tid = Int.random(in: 1..<1_000_000, using: &random)
                    let event = try XCTUnwrap(EventBuilder.classified(record, by: classifier)?.compactForJSON())
                    let place = waiting.hold(event, withText: true)
                    XCTAssertNil(model[place])
                    let bytes = try XCTUnwrap(event.jsonText).bytes
                    model[place] = bytes
                    textBytes += bytes.count
                } else {
                    let place = try XCTUnwrap(model.keys.randomElement(using: &random))
                    XCTAssertEqual(waiting.take(place).text?.bytes, model.removeValue(forKey: place), "seed \(seed)")
                }
            }
            for (place, bytes) in model { XCTAssertEqual(waiting.take(place).text?.bytes, bytes, "seed \(seed)") }
            XCTAssertNil(waiting.spool.failure)
            XCTAssertGreaterThan(waiting.spool.size, 0, "seed \(seed): spooled")
            XCTAssertLessThan(waiting.spool.size * 10, textBytes, "seed \(seed): a tenth of the texts at most")
        }
    }

    /// The texts of events held whole (`--since`: `EventBuilder`'s spool),
    /// 600 processes of three fixtures, interleaved: each text as it was
    /// made, and the spool a tenth of them at most.
    func testHeldEventsSpoolTheirLines() throws {
        var records: [LogRecord] = []
        let bases = try ["cgroup-pids-parent.jsonl", "rlimit-nproc.jsonl", "memory-exhausted.jsonl"].map {
            try XCTUnwrap(Fixture.records($0).first { $0.type == .failure })
        }
        for pid in 0..<600 {
            var record = bases[pid % 3]
            record.process?.pid = 400_000 + pid
            record.process?.tid = 400_000 + pid
            records.append(record)
        }
        var builder = EventBuilder(spoolFrom: 0)
        var texts: [Int: [UInt8]] = [:]
        var out: [(FailureEvent, Int)] = []
        for record in records {
            let event = try XCTUnwrap(EventBuilder.classified(record, by: Classifier())?.compactForJSON())
            texts[record.process?.pid ?? 0] = event.jsonText?.bytes
            builder.add(record, classified: event) { out.append(($0, $1)) }
        }
        let spooled = builder.spool.size
        builder.finish { out.append(($0, $1)) }
        XCTAssertNil(builder.spool.failure)
        XCTAssertEqual(out.count, 600)
        for (event, _) in out {
            XCTAssertEqual(event.jsonText?.bytes, texts[event.record.process?.pid ?? 0])
        }
        let textBytes = texts.values.reduce(0) { $0 + $1.count }
        XCTAssertGreaterThan(spooled, 0)
        XCTAssertLessThan(spooled * 10, textBytes)
    }
}
