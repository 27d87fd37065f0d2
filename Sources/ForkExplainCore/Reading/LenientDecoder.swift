/// Decodes the model from a `JSONValue` so that a field of the wrong type, out
/// of range for its Swift type, not valid Unicode or nested too deep costs
/// that field only: every optional field is decoded with `decodeIfPresent`,
/// and here that answers nil (and counts the loss) instead of throwing, so
/// the rest of the section survives. Required values (`schema`, `type`) and
/// `decode` still throw. One mechanism for every model type: a field added
/// to the model is lenient without saying so.
struct LenientDecoder: Decoder {
    /// How many fields a record lost; shared by a record's nested decoders.
    final class Losses {
        var count = 0
    }

    let value: JSONValue
    let losses: Losses
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    /// Not kept: a lost field is counted, never named, and keeping the
    /// path cost an allocation for every field (an array, or a decoder too
    /// large for an existential's inline buffer).
    var codingPath: [any CodingKey] { [] }

    init(value: JSONValue, losses: Losses = Losses()) {
        self.value = value
        self.losses = losses
    }

    /// A record from one line's bytes, and the number of fields it lost.
    static func decode<T: Decodable>(_ type: T.Type, from bytes: ArraySlice<UInt8>) throws -> (T, lostFields: Int) {
        guard let value = JSONValue.parse(bytes) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not JSON"))
        }
        let decoder = LenientDecoder(value: value)
        return (try T(from: decoder), decoder.losses.count)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object = value else { throw mismatch([String: String].self) }
        return KeyedDecodingContainer(Keyed<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw mismatch([String].self) }
        return Unkeyed(decoder: self, elements: elements)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { Single(decoder: self) }

    func child(_ value: JSONValue) -> LenientDecoder {
        LenientDecoder(value: value, losses: losses)
    }

    func mismatch(_ type: Any.Type) -> DecodingError {
        .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "not a \(type) in the log"))
    }

    /// The largest number a signed field takes: every integer of a record is
    /// a count, a size in bytes or KiB, an id or a set of flags, none of them
    /// negative, and 2^50 (a PiB in bytes, an EiB in KiB) is beyond any real
    /// one. Bounded so, the sums and products the rules form from a record's
    /// fields (a few terms times 1024) cannot overflow; a value outside is
    /// refused and counted, like a wrong type.
    static let largestQuantity: Int64 = 1 << 50

    /// An integer of exactly this type: no rounding, no wrapping. Signed
    /// types take only 0...largestQuantity; UInt64 takes anything, so that
    /// `LimitValue` can still read the kernel's huge "no limit" numbers.
    func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        let exact: T?
        switch value {
        case .int(let number): exact = T(exactly: number)
        case .uint(let number): exact = T(exactly: number)
        default: exact = nil
        }
        guard let exact else { throw mismatch(type) }
        if T.isSigned, exact < 0 || exact > Self.largestQuantity {
            throw DecodingError.dataCorrupted(
                .init(codingPath: codingPath, debugDescription: "\(exact) is out of range for a log value"))
        }
        return exact
    }

    func floatingPoint() throws -> Double {
        switch value {
        case .int(let number): return Double(number)
        case .uint(let number): return Double(number)
        case .double(let number): return number
        default: throw mismatch(Double.self)
        }
    }

    func string() throws -> String {
        guard case .string(let text) = value else { throw mismatch(String.self) }
        return text
    }

    func bool() throws -> Bool {
        guard case .bool(let flag) = value else { throw mismatch(Bool.self) }
        return flag
    }

    /// Standard-library types come back through `Single`, which checks
    /// their range; model types through `container(keyedBy:)`.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T { try T(from: self) }
}

extension LenientDecoder {
    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: LenientDecoder
        var codingPath: [any CodingKey] { decoder.codingPath }
        var allKeys: [Key] {
            guard case .object(let members) = decoder.value else { return [] }
            return members.compactMap { Key(stringValue: $0.key) }
        }

        func contains(_ key: Key) -> Bool { decoder.value.member(key.stringValue) != nil }

        private func child(_ key: Key) throws -> LenientDecoder {
            guard let value = decoder.value.member(key.stringValue) else {
                throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "absent"))
            }
            return decoder.child(value)
        }

        func decodeNil(forKey key: Key) throws -> Bool {
            if case .null = try child(key).value { return true }
            return false
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try child(key).decodeValue(type)
        }

        /// Absent, null, or unreadable: nil. Only the last is counted as lost.
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            guard let value = decoder.value.member(key.stringValue) else { return nil }
            if case .null = value { return nil }
            do {
                return try decoder.child(value).decodeValue(type)
            } catch {
                decoder.losses.count += 1
                return nil
            }
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            try child(key).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try child(key).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder { decoder }
        func superDecoder(forKey key: Key) throws -> any Decoder { try child(key) }

        // Every optional field of the model arrives through one of these; the
        // standard library's defaults would throw on a wrong type.
        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try lenient(type, key) }
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try lenient(type, key) }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try lenient(type, key) }
        func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try lenient(type, key) }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try lenient(type, key) }
        func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try lenient(type, key) }
        func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try lenient(type, key) }
        func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try lenient(type, key) }
        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try lenient(type, key) }
        func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try lenient(type, key) }
        func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try lenient(type, key) }
        func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try lenient(type, key) }
        func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try lenient(type, key) }
        func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try lenient(type, key) }

        private func lenient<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
            try decodeIfPresent(type as T.Type, forKey: key)
        }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try child(key).bool() }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try child(key).string() }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try child(key).floatingPoint() }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try child(key).floatingPoint()) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try child(key).integer(type) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try child(key).integer(type) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try child(key).integer(type) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try child(key).integer(type) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try child(key).integer(type) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try child(key).integer(type) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try child(key).integer(type) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try child(key).integer(type) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try child(key).integer(type) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try child(key).integer(type) }
    }

    /// Arrays: an element that does not decode fails the array (that field).
    struct Unkeyed: UnkeyedDecodingContainer {
        let decoder: LenientDecoder
        let elements: [JSONValue]
        var currentIndex = 0
        var codingPath: [any CodingKey] { decoder.codingPath }
        var count: Int? { elements.count }
        var isAtEnd: Bool { currentIndex >= elements.count }

        private mutating func next() throws -> LenientDecoder {
            guard !isAtEnd else {
                throw DecodingError.valueNotFound(
                    JSONValue.self, .init(codingPath: codingPath, debugDescription: "past the end"))
            }
            defer { currentIndex += 1 }
            return decoder.child(elements[currentIndex])
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd, case .null = elements[currentIndex] else { return false }
            currentIndex += 1
            return true
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decodeValue(type) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            try next().container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try next().unkeyedContainer()
        }

        mutating func superDecoder() throws -> any Decoder { try next() }
    }

    struct Single: SingleValueDecodingContainer {
        let decoder: LenientDecoder
        var codingPath: [any CodingKey] { decoder.codingPath }

        func decodeNil() -> Bool {
            if case .null = decoder.value { return true }
            return false
        }

        func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeValue(type) }
        func decode(_ type: Bool.Type) throws -> Bool { try decoder.bool() }
        func decode(_ type: String.Type) throws -> String { try decoder.string() }
        func decode(_ type: Double.Type) throws -> Double { try decoder.floatingPoint() }
        func decode(_ type: Float.Type) throws -> Float { Float(try decoder.floatingPoint()) }
        func decode(_ type: Int.Type) throws -> Int { try decoder.integer(type) }
        func decode(_ type: Int8.Type) throws -> Int8 { try decoder.integer(type) }
        func decode(_ type: Int16.Type) throws -> Int16 { try decoder.integer(type) }
        func decode(_ type: Int32.Type) throws -> Int32 { try decoder.integer(type) }
        func decode(_ type: Int64.Type) throws -> Int64 { try decoder.integer(type) }
        func decode(_ type: UInt.Type) throws -> UInt { try decoder.integer(type) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.integer(type) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.integer(type) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.integer(type) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.integer(type) }
    }
}

extension LogRecord {
    /// A record from one JSON line, decoded as the log reader does.
    public init(jsonLine bytes: [UInt8]) throws {
        self = try LenientDecoder.decode(LogRecord.self, from: bytes[...]).0
    }
}
