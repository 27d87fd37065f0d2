import CForkExplainJSON

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One line as simdjson's On-Demand parser reads it (Sources/CForkExplainJSON):
/// its values in document order, each knowing where its children end. The
/// model is decoded from it straight, with no tree of values in between.
///
/// Lenient where a record needs it: a string that is not valid Unicode
/// (overlong forms, surrogates, code points above U+10FFFF, lone escaped
/// surrogates) and nesting deeper than 32 levels are values no field
/// accepts, instead of failures of the whole line or section.
struct JSONTape {
    private let nodes: UnsafeBufferPointer<fxj_node>
    private let text: UnsafePointer<UInt8>?

    /// Runs `body` with the tape of a line, or answers nil when the line is
    /// not a JSON array or object. The tape lives only during `body`.
    static func parse<Result>(_ bytes: ArraySlice<UInt8>, _ body: (JSONTape) throws -> Result) rethrows -> Result? {
        var document = fxj_doc()
        let parsed = bytes.withUnsafeBufferPointer { fxj_parse($0.baseAddress, $0.count, &document) }
        guard parsed == 0, document.count > 0, let nodes = document.nodes else { return nil }
        return try body(JSONTape(nodes: UnsafeBufferPointer(start: nodes, count: document.count), text: document.text))
    }

    /// The root value's node.
    let root = 0

    func kind(_ node: Int) -> fxj_kind { fxj_kind(nodes[node].kind) }

    func isObject(_ node: Int) -> Bool { kind(node) == FXJ_OBJECT }
    func isArray(_ node: Int) -> Bool { kind(node) == FXJ_ARRAY }
    func isNull(_ node: Int) -> Bool { kind(node) == FXJ_NULL }

    /// The members of an object or the elements of an array, in order.
    func children(of node: Int) -> Children { Children(tape: self, start: node + 1, end: Int(nodes[node].end)) }

    struct Children: Sequence, IteratorProtocol {
        let tape: JSONTape
        var start: Int
        let end: Int

        mutating func next() -> Int? {
            guard start < end else { return nil }
            defer { start = Int(tape.nodes[start].end) }
            return start
        }
    }

    var count: Int { nodes.count }

    // MARK: - Scalars

    func int64(_ node: Int) -> Int64? { kind(node) == FXJ_INT ? nodes[node].value.i : nil }
    func uint64(_ node: Int) -> UInt64? { kind(node) == FXJ_UINT ? nodes[node].value.u : nil }
    func double(_ node: Int) -> Double? { kind(node) == FXJ_DOUBLE ? nodes[node].value.d : nil }

    func bool(_ node: Int) -> Bool? {
        switch kind(node) {
        case FXJ_TRUE: true
        case FXJ_FALSE: false
        default: nil
        }
    }

    func string(_ node: Int) -> String? {
        guard kind(node) == FXJ_STRING else { return nil }
        let span = nodes[node].value.s
        return Self.string(text, Int(span.offset), Int(span.length))
    }

    // MARK: - Keys

    /// An object member's key, or nil for none that can name a field (see
    /// `FXJ_NO_KEY`).
    func key(_ node: Int) -> String? {
        let member = nodes[node]
        guard member.key_hash != FXJ_NO_KEY else { return nil }
        return Self.string(text, Int(member.key_offset), Int(member.key_length))
    }

    /// Whether a member's key is these bytes.
    func key(_ node: Int, is name: KeyName) -> Bool {
        let member = nodes[node]
        guard member.key_hash == name.hash, Int(member.key_length) == name.bytes.count else { return false }
        guard let text else { return name.bytes.isEmpty }
        return name.bytes.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return true }
            return memcmp(text + Int(member.key_offset), base, bytes.count) == 0
        }
    }

    func keyHash(_ node: Int) -> UInt64 { nodes[node].key_hash }

    private static func string(_ text: UnsafePointer<UInt8>?, _ offset: Int, _ length: Int) -> String {
        guard let text else { return "" }
        return String(decoding: UnsafeBufferPointer(start: text + offset, count: length), as: UTF8.self)
    }
}

/// A key as the parser hashes it, to find a member without a String.
struct KeyName {
    let bytes: [UInt8]
    let hash: UInt64

    init(_ name: String) {
        bytes = Array(name.utf8)
        hash = bytes.withUnsafeBufferPointer { fxj_key_hash($0.baseAddress, $0.count) }
    }
}

/// A model type's keys, found by hash: `CodingKeys` spell them as the shim
/// writes them (docs/log-format.md).
struct KeyTable<Key: CodingKey & CaseIterable> {
    private let names: [(name: KeyName, key: Key)]

    init(_ type: Key.Type) {
        names = Key.allCases.map { (KeyName($0.stringValue), $0) }
    }

    /// The field a member names, or nil for a key the type does not know.
    func callAsFunction(_ tape: JSONTape, _ member: Int) -> Key? {
        let hash = tape.keyHash(member)
        guard hash != FXJ_NO_KEY else { return nil }
        for entry in names where entry.name.hash == hash {
            return tape.key(member, is: entry.name) ? entry.key : nil
        }
        return nil
    }
}
