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
        /// An array of objects, each member list in sorted key order.
        case objects([[(key: String, value: Value?)]])
    }

    private(set) var bytes: [UInt8] = []

    init() {}

    /// Room for `capacity` bytes made at once: an event's text grown from
    /// nothing was made anew some ten times on its way to 3 KB.
    init(capacity: Int) { bytes.reserveCapacity(capacity) }

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
        case .objects(let items):
            append("[\n")
            for (index, members) in items.enumerated() {
                if index > 0 { append(",\n") }
                indent(level + 1)
                object(members, level: level + 1)
            }
            append("\n")
            indent(level)
            append("]")
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

    mutating func indent(_ level: Int) {
        let width = 2 * level
        guard width <= Self.spaces.count else {
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: width))
            return
        }
        bytes.append(contentsOf: Self.spaces[..<width])
    }

    /// Enough for every indent the report writes, copied as one run.
    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 32)

    /// Escapes what JSON requires (quote, backslash, controls) and nothing
    /// else: slashes and non-ASCII text stay as they are.
    mutating func string(_ text: String) {
        // Nearly every string needs no escape: copied whole, from its
        // contiguous UTF-8 (a copy only for a bridged or lazy string).
        var text = text
        text.withUTF8 { utf8 in
            bytes.append(UInt8(ascii: "\""))
            if Self.needsEscape(utf8) { escaped(utf8) } else { bytes.append(contentsOf: utf8) }
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// Whether any byte is a control, a quote or a backslash: eight bytes
    /// at a time (a report's strings are nearly all clean, and a byte at
    /// a time was most of the cost of writing them).
    static func needsEscape(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = utf8.baseAddress else { return false }
        let count = utf8.count
        var index = 0
        while index + 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if wordNeedsEscape(word) { return true }
            index += 8
        }
        while index < count {
            let byte = base[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return true }
            index += 1
        }
        return false
    }

    /// Any byte of `word` below 0x20, 0x22 or 0x5C: the classic tests for
    /// a zero byte (`x - 0x01…` with the high bit clear in `x`) on the word,
    /// and on it xor'd with the quote and the backslash. Bytes at or above
    /// 0x80 (UTF-8's multibyte text) are masked out by `~word`.
    static func wordNeedsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let below = (word &- ones &* 0x20) & ~word
        let isQuote = (quote &- ones) & ~quote
        let isBackslash = (backslash &- ones) & ~backslash
        return (below | isQuote | isBackslash) & highs != 0
    }

    /// `utf8` with its escapes: the runs between them copied whole. A
    /// byte at a time, one of an event's strings (an advice that quotes a
    /// command) was a fiftieth of a JSON report's work.
    private mutating func escaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for index in utf8.indices {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
            start = index + 1
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            case 0x08: append("\\b")
            case 0x0C: append("\\f")
            default:
                let hex = String(byte, radix: 16)
                append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
    }
}
