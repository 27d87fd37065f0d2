import XCTest

@testable import ForkExplainCore

/// `PrettyJSONText.string` copies the runs between escapes whole; its text
/// is the byte-at-a-time escaper's it replaced (docs/performance.md, "The
/// reader's CPU: Foundation's searches per record").
final class PrettyJSONEscapeTests: XCTestCase {
    /// The escaper as it was: every byte looked at and appended on its own.
    private func byteAtATime(_ text: String) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += Array("\\\"".utf8)
            case UInt8(ascii: "\\"): out += Array("\\\\".utf8)
            case 0x0A: out += Array("\\n".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0x08: out += Array("\\b".utf8)
            case 0x0C: out += Array("\\f".utf8)
            case 0..<0x20:
                let hex = String(byte, radix: 16)
                out += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
        return out
    }

    func testEscapedStringsAreTheByteAtATimeText() {
        let texts = [
            "", "plain", "\"", "\\", "\"quoted\"", "run `ulimit -u 4096` as \"root\"", "a\\b\\", "tab\there",
            "line\nbreak\r\n", "\u{08}\u{0C}\u{01}\u{1F}", "\u{1b}]0;owned\u{07}", "é \"ü\" \u{202e}", "end\"",
            "\"start", String(repeating: "x", count: 37) + "\"" + String(repeating: "y", count: 9),
            "/slashes/stay/", "\u{7f}\u{9b}",
        ]
        for text in texts {
            var json = PrettyJSONText()
            json.string(text)
            XCTAssertEqual(json.bytes, byteAtATime(text), text)
        }
    }
}
