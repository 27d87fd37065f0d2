import XCTest

@testable import ForkExplainCore

/// The text prefixes, shape by shape: what is taken for one and what not.
final class TextEnvelopeTests: XCTestCase {
    private func bytes(_ text: String) -> ArraySlice<UInt8> { Array(text.utf8)[...] }
    private func text(_ bytes: ArraySlice<UInt8>?) -> String? { bytes.map { String(decoding: $0, as: UTF8.self) } }

    func testCRILines() {
        let full = TextEnvelope.cri(bytes("2026-11-26T11:45:10.25Z stderr F {\"schema\":1}"))
        XCTAssertEqual(text(full?.stream), "stderr")
        XCTAssertEqual(full?.partial, false)
        XCTAssertEqual(text(full?.content), "{\"schema\":1}")
        let piece = TextEnvelope.cri(bytes("2026-11-26T12:45:10.250000001+01:00 stdout P:x abc"))
        XCTAssertEqual(piece?.partial, true)
        XCTAssertEqual(text(piece?.content), "abc")
        XCTAssertEqual(text(TextEnvelope.cri(bytes("2026-11-26T11:45:10Z stdout F"))?.content), "")
        // Not CRI: no stream, an unknown tag, no time zone, a date alone.
        XCTAssertNil(TextEnvelope.cri(bytes("2026-11-26T11:45:10Z INFO started")))
        XCTAssertNil(TextEnvelope.cri(bytes("2026-11-26T11:45:10Z stdout X line")))
        XCTAssertNil(TextEnvelope.cri(bytes("2026-11-26T11:45:10 stdout F line")))
        XCTAssertNil(TextEnvelope.cri(bytes("2026-11-26 stdout F line")))
    }

    func testKubectlPrefixAndTimestamps() {
        XCTAssertEqual(text(TextEnvelope.kubectlPrefix(bytes("[pod/web-7c9d/app] line"))), "line")
        XCTAssertNil(TextEnvelope.kubectlPrefix(bytes("[INFO] line")))
        XCTAssertEqual(text(TextEnvelope.timestamped(bytes("2026-11-26T11:45:10.123456789Z line"))), "line")
        XCTAssertNil(TextEnvelope.timestamped(bytes("2026-11-26T11:45:10.123Zline")))
    }

    func testLogcliLabelsAndFluentBitTag() {
        XCTAssertEqual(text(TextEnvelope.lokiLabels(bytes("{job=\"a}b\", host=\"x\"}   line"))), "line")
        XCTAssertNil(TextEnvelope.lokiLabels(bytes("{\"schema\":1}")))
        XCTAssertEqual(text(TextEnvelope.fluentBitTag(bytes("kube.var.log: [1.5, {}]"))), "[1.5, {}]")
        XCTAssertNil(TextEnvelope.fluentBitTag(bytes("ERROR worker: [3] failed")))
        XCTAssertNil(TextEnvelope.fluentBitTag(bytes("app says: [1, 2] and more")))
    }

    func testARecordAfterSyslogText() {
        XCTAssertEqual(
            text(TextEnvelope.embeddedRecord(bytes("Nov 26 11:45:10 web-1 app[4]: {\"schema\":1}"))), "{\"schema\":1}")
        XCTAssertNil(TextEnvelope.embeddedRecord(bytes("Nov 26 11:45:10 web-1 app[4]: {\"schema\" is a word")))
    }
}
