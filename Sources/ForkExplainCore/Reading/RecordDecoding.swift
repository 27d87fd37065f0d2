/// A model value read straight from a line's `JSONTape`.
///
/// A field of the wrong type, out of range, not valid Unicode or nested too
/// deep costs that field only: `JSONTape.field` answers nil for it and
/// counts the loss, and the rest of the section survives. An array is one
/// field: an element that does not read loses the array.
protocol TapeDecodable {
    /// The value at `node`, or nil when it is not of this shape. Losses
    /// inside it (a section's fields) are added to `losses`.
    init?(tape: JSONTape, at node: Int, losses: inout Int)
}

extension JSONTape {
    /// An optional field: nil when null, nil and counted when unreadable.
    func field<T: TapeDecodable>(_ node: Int, _ losses: inout Int) -> T? {
        if isNull(node) { return nil }
        if let value = T(tape: self, at: node, losses: &losses) { return value }
        losses += 1
        return nil
    }

    /// The largest number a signed field takes: every integer of a record is
    /// a count, a size in bytes or KiB, an id or a set of flags, none of them
    /// negative, and 2^50 (a PiB in bytes, an EiB in KiB) is beyond any real
    /// one. Bounded so, the sums and products the rules form from a record's
    /// fields (a few terms times 1024) cannot overflow; a value outside is
    /// refused and counted, like a wrong type.
    static let largestQuantity: Int64 = 1 << 50

    func quantity(_ node: Int) -> Int64? {
        guard let number = int64(node), number >= 0, number <= Self.largestQuantity else { return nil }
        return number
    }
}

/// A record from one line, and the number of fields it lost; nil when the
/// line is not a record (not JSON, no `schema` or `type`).
enum RecordDecoder {
    static func decode(_ bytes: ArraySlice<UInt8>) -> (LogRecord, lostFields: Int)? {
        let decoded = JSONTape.parse(bytes) { tape -> (LogRecord, Int)? in
            var losses = 0
            guard let record = LogRecord(tape: tape, at: tape.root, losses: &losses) else { return nil }
            return (record, losses)
        }
        return decoded ?? nil
    }

    /// A line that is not a record may be a torn line with a whole record
    /// after it: a write cut short (a full disk, a SIGKILL at a page
    /// boundary) leaves no newline, and another writer's record can land
    /// between the shim's look at the log's last byte and its append
    /// (docs/design.md, "A full disk"). Every record starts
    /// with `{"schema":`, which cannot stand unescaped inside a JSON
    /// string: the last one in the line is where that record begins.
    static func decodeAfterTornLine(_ bytes: ArraySlice<UInt8>) -> (LogRecord, lostFields: Int)? {
        let start = Array(#"{"schema":"#.utf8)
        var index = bytes.endIndex - start.count
        while index > bytes.startIndex {
            if bytes[index] == start[0], bytes[index..<index + start.count].elementsEqual(start) {
                return decode(bytes[index...])
            }
            index -= 1
        }
        return nil
    }
}

extension LogRecord {
    /// A record from one JSON line, decoded as the log reader does.
    public init(jsonLine bytes: [UInt8]) throws {
        guard let (record, _) = RecordDecoder.decode(bytes[...]) else { throw LogRecordLineError.notARecord }
        self = record
    }
}

/// `LogRecord(jsonLine:)` on a line that is not a record.
public enum LogRecordLineError: Error, CustomStringConvertible {
    case notARecord

    public var description: String { "not a forkexplain record: not JSON, or no schema and type" }
}

extension Int: TapeDecodable {
    init?(tape: JSONTape, at node: Int, losses: inout Int) {
        guard let number = tape.quantity(node) else { return nil }
        self.init(number)
    }
}

extension Int64: TapeDecodable {
    init?(tape: JSONTape, at node: Int, losses: inout Int) {
        guard let number = tape.quantity(node) else { return nil }
        self = number
    }
}

extension Bool: TapeDecodable {
    init?(tape: JSONTape, at node: Int, losses: inout Int) {
        guard let flag = tape.bool(node) else { return nil }
        self = flag
    }
}

extension String: TapeDecodable {
    init?(tape: JSONTape, at node: Int, losses: inout Int) {
        guard let text = tape.string(node) else { return nil }
        self = text
    }
}

extension Array: TapeDecodable where Element: TapeDecodable {
    init?(tape: JSONTape, at node: Int, losses: inout Int) {
        guard tape.isArray(node) else { return nil }
        self.init()
        for element in tape.children(of: node) {
            guard let value = Element(tape: tape, at: element, losses: &losses) else { return nil }
            append(value)
        }
    }
}

extension Dictionary: TapeDecodable where Key == String, Value == String {
    init?(tape: JSONTape, at node: Int, losses: inout Int) {
        guard tape.isObject(node) else { return nil }
        self.init()
        for member in tape.children(of: node) {
            guard let key = tape.key(member) else { continue }
            guard let value = tape.string(member) else { return nil }
            self[key] = value
        }
    }
}
