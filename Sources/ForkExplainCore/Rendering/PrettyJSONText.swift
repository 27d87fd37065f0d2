import Foundation

/// JSON text in the shape `JSONEncoder` gives with `.sortedKeys`,
/// `.prettyPrinted` and `.withoutEscapingSlashes`: two spaces an indent,
/// `"key" : value`, an empty array as `[`, a blank line, `]`. The report's
/// events are written with it: for a large log they are nearly all of the
/// output, and the encoder's generic path was a fifth of a report's time.
struct PrettyJSONText {
    /// One member's value; nil members are left out, as the encoder does.
    enum Value {
        case string(String)
        case int(Int)
        case strings([String])
    }

    private(set) var bytes: [UInt8] = []

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func append(_ part: ArraySlice<UInt8>) { bytes.append(contentsOf: part) }

    /// The text so far, which is then cleared (for writing it out in parts).
    mutating func take() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }

    /// An object whose members the caller lists in sorted key order, at
    /// `level` (its closing brace's indent).
    mutating func object(_ members: [(key: String, value: Value?)], level: Int) {
        append("{\n")
        var first = true
        for (key, value) in members {
            guard let value else { continue }
            memberKey(key, level: level, first: &first)
            write(value, level: level + 1)
        }
        close(level: level)
    }

    /// A member's key and what goes before it, in an object at `level`;
    /// its value is the caller's to write (`EventJSONText` leaves a gap).
    mutating func memberKey(_ key: String, level: Int, first: inout Bool) {
        if !first { append(",\n") }
        first = false
        indent(level + 1)
        string(key)
        append(" : ")
    }

    /// The end of an object at `level` with members.
    mutating func close(level: Int) {
        append("\n")
        indent(level)
        append("}")
    }

    /// A member's value, written after its `key`.
    mutating func value(_ value: Value, level: Int) { write(value, level: level + 1) }

    /// `text`, one level of the encoder's output, moved to `level`: JSON
    /// strings hold no raw newline, so every newline starts a line.
    static func indented(_ text: String, level: Int) -> String {
        text.replacingOccurrences(of: "\n", with: "\n" + String(repeating: " ", count: 2 * level))
    }

    private mutating func write(_ value: Value, level: Int) {
        switch value {
        case .string(let text): string(text)
        case .int(let number): append(String(number))
        case .strings(let items):
            append("[\n")
            for (index, item) in items.enumerated() {
                if index > 0 { append(",\n") }
                indent(level + 1)
                string(item)
            }
            append("\n")
            indent(level)
            append("]")
        }
    }

    private mutating func indent(_ level: Int) {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
    }

    /// Escapes what JSON requires (quote, backslash, controls) and nothing
    /// else: slashes and non-ASCII text stay as they are.
    mutating func string(_ text: String) {
        // Nearly every string needs no escape: copied whole, from its
        // contiguous UTF-8 (a copy only for a bridged or lazy string).
        var text = text
        let copied = text.withUTF8 { utf8 in
            for byte in utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                return false
            }
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: "\""))
            return true
        }
        if !copied { escaped(text) }
    }

    private mutating func escaped(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            case 0x08: append("\\b")
            case 0x0C: append("\\f")
            case 0..<0x20:
                let hex = String(byte, radix: 16)
                append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
