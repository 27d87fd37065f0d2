import Foundation
import XCTest

@testable import ForkExplainCore

/// What `report --format json` does to be fast must not change a byte of
/// it: the escaper's eight-byte check, each backtrace's text made once
/// (`BacktraceJSONText`), and the slimmed record the reading thread gets.
final class JSONTextSpeedTests: XCTestCase {
    /// Bytes the eight-byte check must tell apart: the ones that need an
    /// escape, their neighbours, and the same with the high bit set (the
    /// bytes of UTF-8's multibyte text).
    private static let edgeBytes: [UInt8] = [
        0x00, 0x01, 0x08, 0x09, 0x0A, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F,
        0x80, 0x9F, 0xA0, 0xA1, 0xA2, 0xA3, 0xDB, 0xDC, 0xDD, 0xFF, 0x41, 0x7A,
    ]

    func testTheEightByteCheckFindsWhatTheByteCheckFinds() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...40, using: &generator)
            // Mostly plain text, the edge bytes at random places.
            let bytes = (0..<length).map { _ in
                Int.random(in: 0..<4, using: &generator) == 0
                    ? Self.edgeBytes.randomElement(using: &generator)!
                    : UInt8.random(in: 0x23...0x5B, using: &generator)
            }
            let expected = bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
            let found = bytes.withUnsafeBufferPointer { PrettyJSONText.needsEscape($0) }
            XCTAssertEqual(found, expected, "\(bytes)")
        }
    }

    func testEachByteAtEachPlaceOfAWord() {
        for byte in UInt8.min...UInt8.max {
            for place in 0..<8 {
                var word = [UInt8](repeating: UInt8(ascii: "a"), count: 8)
                word[place] = byte
                let value = word.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                XCTAssertEqual(
                    PrettyJSONText.wordNeedsEscape(value), byte < 0x20 || byte == 0x22 || byte == 0x5C,
                    "byte \(byte) at \(place)")
            }
        }
    }

    /// The escaper against Foundation's JSON writer, on strings of
    /// controls, quotes, backslashes, slashes, non-ASCII text and bytes
    /// that were not UTF-8 (a Swift string holds U+FFFD for them, as the
    /// reader's strings do).
    func testStringsAreEscapedAsFoundationEscapesThem() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces = [
            "a", "plain text ", "\"", "\\", "/", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{01}", "\u{1F}", "\u{7F}",
            "é", "€", "漢", "🙂", "\u{2028}", "`", "\u{202E}",
        ]
        for round in 0..<5_000 {
            var text = ""
            if round % 5 == 0 {
                let bytes = (0..<Int.random(in: 0...24, using: &generator)).map { _ in
                    UInt8.random(in: 0...255, using: &generator)
                }
                text = String(decoding: bytes, as: UTF8.self)
            } else {
                for _ in 0..<Int.random(in: 0...24, using: &generator) {
                    text += pieces.randomElement(using: &generator)!
                }
            }
            var written = PrettyJSONText()
            written.string(text)
            let foundation = try JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
            // "[" the string "]"
            let expected = Array(foundation.dropFirst().dropLast())
            XCTAssertEqual(
                String(decoding: written.bytes, as: UTF8.self), String(decoding: expected, as: UTF8.self),
                "\(Array(text.utf8))")
            // And it reads back as the string it was.
            let back = try JSONSerialization.jsonObject(with: Data(written.bytes), options: [.fragmentsAllowed])
            XCTAssertEqual(back as? String, text)
        }
    }

    private static func frames(_ seed: Int) -> [BacktraceFrame] {
        (0..<3).map { index in
            BacktraceFrame(
                addr: "0x\(String(0x5000 + seed * 16 + index, radix: 16))", module: "/usr/lib/\"lib\(seed)\".so",
                offset: "0x\(String(seed * 16 + index, radix: 16))", buildId: index == 1 ? nil : "abc\(seed)")
        }
    }

    /// A cached text is the one made afresh, the cache stays within its
    /// limit, and threads that look up and add at once get the same texts.
    func testTheBacktraceCacheGivesTheTextMadeAfreshWithinItsLimit() {
        let cache = BacktraceJSONText.Cache(limit: 4)
        for seed in 0..<10 {
            for _ in 0..<2 {
                let cached = cache.text(for: Self.frames(seed))
                let fresh = BacktraceJSONText(Self.frames(seed))
                XCTAssertEqual(cached.bytes, fresh.bytes)
                XCTAssertEqual(cached.gaps, fresh.gaps)
                XCTAssertEqual(cached.keys, fresh.keys)
                XCTAssertLessThanOrEqual(cache.count, 4)
            }
        }
        let shared = BacktraceJSONText.Cache(limit: 6)
        let made = UnsafeMutableBufferPointer<[UInt8]>.allocate(capacity: 4 * 200)
        made.initialize(repeating: [])
        defer {
            made.deinitialize()
            made.deallocate()
        }
        let slots = SendableSlots(buffer: made)
        let jobs = (0..<4).map { thread in
            ThreadJob {
                for index in 0..<200 {
                    slots.buffer[thread * 200 + index] = shared.text(for: Self.frames(index % 9)).bytes
                }
            }
        }
        for job in jobs { job.join() }
        for slot in 0..<(4 * 200) {
            XCTAssertEqual(made[slot], BacktraceJSONText(Self.frames(slot % 200 % 9)).bytes)
        }
        XCTAssertLessThanOrEqual(shared.count, 6)
    }

    /// The frames' text in an event is the cache's, with its gaps where
    /// the text made without the cache had them: the report names the
    /// frames there (`JSONEventsTextTests` holds the whole text to the
    /// encoder's).
    func testAnEventsFramesAreTheCachedTextAtItsGaps() throws {
        var record = try LogRecord(
            jsonLine: Array(#"{"schema":1,"type":"failure","call":{"name":"fork","errno":11}}"#.utf8))
        record.backtrace = Self.frames(3)
        let event = Classifier().event(record)
        let text = EventJSONText(event)
        let cached = BacktraceJSONText.cached(Self.frames(3))
        let start = try XCTUnwrap(text.bytes.firstRange(of: cached.bytes)?.lowerBound)
        XCTAssertEqual(text.symbolGaps.map(\.at), cached.gaps.map { start + $0.at })
        XCTAssertEqual(text.frameKeys, cached.keys)
    }

    /// The reading thread gets a classified failure's record slimmed, a
    /// record with no event whole, and their events as `prepare` made them.
    func testTheBatchHandsOnTheSlimmedRecord() throws {
        let batch = DecodingBatch(
            prepare: { record in EventBuilder.classified(record, by: Classifier()) }, slim: EventBuilder.slim)
        let failure =
            #"{"schema":1,"type":"failure","host":"h","process":{"pid":7},"call":{"name":"fork","errno":11},"memory":{"mem_total_kb":100},"backtrace":[{"addr":"0x1"}]}"#
        let tally =
            #"{"schema":1,"type":"tally","process":{"pid":7},"call":{"name":"fork","errno":11,"suppressed":3},"memory":{"mem_total_kb":100}}"#
        XCTAssertFalse(batch.add(ArraySlice(failure.utf8), kind: nil))
        XCTAssertFalse(batch.add(ArraySlice(tally.utf8), kind: nil))
        batch.start()
        var handed: [DecodingBatch<FailureEvent?>.Decoded] = []
        batch.hand { decoded, _ in if let decoded { handed.append(decoded) } }
        XCTAssertEqual(handed.count, 2)
        XCTAssertNil(handed[0].record.memory, "the classifier's sections let go of")
        XCTAssertNil(handed[0].record.backtrace)
        XCTAssertEqual(handed[0].record.process?.pid, 7)
        XCTAssertEqual(handed[0].record.host, "h")
        XCTAssertEqual(handed[0].prepared?.record.process?.pid, 7)
        XCTAssertEqual(handed[1].record.memory?.memTotalKb, 100, "a tally's record whole")
        XCTAssertNil(handed[1].prepared)
    }
}

private struct SendableSlots: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<[UInt8]>
}
