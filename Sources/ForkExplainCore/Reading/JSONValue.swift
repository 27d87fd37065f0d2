import CForkExplainJSON

/// One JSON value of a line an envelope may hold, as `JSONValue.parse`
/// reads it with the record reader's parser (`JSONTape`): a bad value stays
/// a value no field accepts.
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
    /// Nesting beyond `FXJ_MAX_DEPTH`: skipped, not parsed.
    case tooDeep

    /// The value of `key` in an object: the last one, as most parsers do.
    func member(_ key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    /// A line's value, or nil when it is not a JSON array or object: for
    /// envelopes (Reading/Envelopes), which look at a document's shape
    /// before any record in it is decoded.
    static func parse(_ bytes: ArraySlice<UInt8>) -> JSONValue? {
        JSONTape.parse(bytes) { tape in JSONValue(tape: tape, at: tape.root) }
    }

    private init(tape: JSONTape, at node: Int) {
        switch tape.kind(node) {
        case FXJ_NULL: self = .null
        case FXJ_TRUE: self = .bool(true)
        case FXJ_FALSE: self = .bool(false)
        case FXJ_INT: self = tape.int64(node).map { .int($0) } ?? .null
        case FXJ_UINT: self = tape.uint64(node).map { .uint($0) } ?? .null
        case FXJ_DOUBLE: self = tape.double(node).map { .double($0) } ?? .null
        case FXJ_STRING: self = tape.string(node).map { .string($0) } ?? .invalidString
        case FXJ_ARRAY: self = .array(tape.children(of: node).map { JSONValue(tape: tape, at: $0) })
        case FXJ_OBJECT:
            // A key that is not valid Unicode names no field: the member is
            // dropped; a repeated key's earlier values are too.
            self = .object(
                tape.children(of: node).compactMap { member in
                    tape.key(member).map { ($0, JSONValue(tape: tape, at: member)) }
                })
        case FXJ_TOO_DEEP: self = .tooDeep
        default: self = .invalidString
        }
    }
}
