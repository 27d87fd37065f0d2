/// One JSON value of a log line, as `JSONValue.parse` reads it.
///
/// The reader parses lines itself rather than with Foundation's decoder so
/// that a bad value stays in its field: a string that is not valid UTF-8
/// (overlong forms, surrogates, code points above U+10FFFF) and nesting
/// deeper than any record has become values no field accepts, instead of
/// failures of the whole line or section.
indirect enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    /// An integer above Int64.max that fits UInt64.
    case uint(UInt64)
    /// A fraction, an exponent, or an integer beyond UInt64.
    case double(Double)
    case string(String)
    /// A string whose bytes or escapes are not valid Unicode.
    case invalidString
    case array([JSONValue])
    /// Members in order; a repeated key's last value wins (see `member`).
    case object([(key: String, value: JSONValue)])
    /// Nesting beyond `JSONParser.maximumDepth`: skipped, not parsed.
    case tooDeep

    /// The value of `key` in an object: the last one, as most parsers do.
    func member(_ key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    /// A line's value, or nil when it is not JSON at all.
    static func parse(_ bytes: ArraySlice<UInt8>) -> JSONValue? {
        bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer)
            guard let value = parser.value(depth: 0) else { return nil }
            parser.skipSpace()
            return parser.index == buffer.count ? value : nil
        }
    }
}

/// A recursive-descent parser over one line's bytes, bounded in depth: a
/// record nests four levels, so anything deeper than `maximumDepth` is
/// skipped by counting brackets, without recursion.
struct JSONParser {
    static let maximumDepth = 32

    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    mutating func value(depth: Int) -> JSONValue? {
        skipSpace()
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            return depth >= Self.maximumDepth ? skipNested() : object(depth: depth)
        case UInt8(ascii: "["):
            return depth >= Self.maximumDepth ? skipNested() : array(depth: depth)
        case UInt8(ascii: "\""):
            return string()
        case UInt8(ascii: "t"):
            return literal("true", .bool(true))
        case UInt8(ascii: "f"):
            return literal("false", .bool(false))
        case UInt8(ascii: "n"):
            return literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return number()
        default:
            return nil
        }
    }

    private mutating func object(depth: Int) -> JSONValue? {
        index += 1
        var members: [(key: String, value: JSONValue)] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = string() else { return nil }
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            guard let member = value(depth: depth + 1) else { return nil }
            // A key that is not valid Unicode names no field: the member is dropped.
            if case .string(let name) = key { members.append((name, member)) }
            skipSpace()
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            } else {
                return nil
            }
        }
    }

    private mutating func array(depth: Int) -> JSONValue? {
        index += 1
        var elements: [JSONValue] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            guard let element = value(depth: depth + 1) else { return nil }
            elements.append(element)
            skipSpace()
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            } else {
                return nil
            }
        }
    }

    /// Skips a too-deep array or object by its brackets (strings included,
    /// so a bracket inside one does not count). Balanced or not JSON.
    private mutating func skipNested() -> JSONValue? {
        var open = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                open += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                open -= 1
                if open == 0 {
                    index += 1
                    return .tooDeep
                }
            case UInt8(ascii: "\""):
                guard string() != nil else { return nil }
                continue
            default:
                break
            }
            index += 1
        }
        return nil
    }

    private mutating func literal(_ word: StaticString, _ result: JSONValue) -> JSONValue? {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { return nil }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return nil }
        index += count
        return result
    }

    private mutating func number() -> JSONValue? {
        let start = index
        var integral = true
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        guard digits() > 0 else { return nil }
        // Nearly every number of a record is a plain integer: read it here,
        // without the String the general path below makes.
        if index - start <= 19, index == bytes.count || !Self.continuesNumber(bytes[index]) {
            var magnitude: Int64 = 0
            for byte in bytes[(negative ? start + 1 : start)..<index] {
                magnitude = magnitude &* 10 &+ Int64(byte &- UInt8(ascii: "0"))
            }
            // 19 characters hold at most 18 digits after a sign, or 19
            // digits that may pass Int64.max: those wrap negative.
            if magnitude >= 0 { return .int(negative ? -magnitude : magnitude) }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            integral = false
            index += 1
            guard digits() > 0 else { return nil }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            integral = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard digits() > 0 else { return nil }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if integral {
            if let number = Int64(text) { return .int(number) }
            if let number = UInt64(text) { return .uint(number) }
        }
        return Double(text).map { .double($0) }
    }

    private static func continuesNumber(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte | 0x20 == UInt8(ascii: "e")
    }

    private mutating func digits() -> Int {
        let start = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            index += 1
        }
        return index - start
    }

    /// A string, `.invalidString` when its content is not valid Unicode, or
    /// nil when it does not end.
    private mutating func string() -> JSONValue? {
        index += 1
        let start = index
        var escaped = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                index += 1
            }
            index += 1
        }
        guard index < bytes.count else { return nil }
        let content = UnsafeBufferPointer(rebasing: bytes[start..<index])
        index += 1
        if !escaped {
            // Nearly all of a record is ASCII, always valid: the general
            // validation was a tenth of a report's time.
            if content.allSatisfy({ $0 < 0x80 }) { return .string(String(decoding: content, as: UTF8.self)) }
            return String(validating: content, as: UTF8.self).map { .string($0) } ?? .invalidString
        }
        return Self.unescape(content).map { .string($0) } ?? .invalidString
    }

    /// The text of a string with escapes; nil for a bad escape, a lone
    /// surrogate, a raw control byte or bytes that are not UTF-8.
    private static func unescape(_ content: UnsafeBufferPointer<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(content.count)
        var index = 0
        func hex4() -> UInt32? {
            guard content.count - index >= 4 else { return nil }
            var value: UInt32 = 0
            for byte in content[index..<index + 4] {
                guard let digit = hexDigit(byte) else { return nil }
                value = value << 4 | digit
            }
            index += 4
            return value
        }
        while index < content.count {
            let byte = content[index]
            index += 1
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                continue
            }
            guard index < content.count else { return nil }
            let escape = content[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = hex4() else { return nil }
                if (0xD800..<0xDC00).contains(scalar) {
                    guard content.count - index >= 6, content[index] == UInt8(ascii: "\\"),
                        content[index + 1] == UInt8(ascii: "u")
                    else { return nil }
                    index += 2
                    guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let unicode = Unicode.Scalar(scalar) else { return nil }
                out.append(contentsOf: String(Character(unicode)).utf8)
            default:
                return nil
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
