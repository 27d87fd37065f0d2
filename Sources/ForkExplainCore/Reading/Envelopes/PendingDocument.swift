/// A JSON document printed over many lines (`curl ...?pretty`, `jq .`,
/// `journalctl -o json-pretty`): its lines are gathered until the brackets
/// close, then it is unwrapped whole.
struct PendingDocument {
    private(set) var bytes: [UInt8] = []
    private(set) var lines = 0
    private var depth = 0
    private var quoted = false
    private var escaped = false

    /// Only a line that is a lone `{` or `[` starts one: a record cut short
    /// (`{"schema":1,...`) must not swallow the lines after it.
    static func opens(_ line: ArraySlice<UInt8>) -> Bool {
        line.count == 1 && (line.first == UInt8(ascii: "{") || line.first == UInt8(ascii: "["))
    }

    /// Whether a value may come next: after `[` or `,` (or a key's `:`),
    /// the only places a document's element or member value starts.
    var valueMayFollow: Bool {
        guard let last = bytes.last(where: { $0 != 0x0A && $0 != 0x0D && $0 != 0x20 && $0 != 0x09 }) else {
            return false
        }
        return last == UInt8(ascii: "[") || last == UInt8(ascii: ",") || last == UInt8(ascii: ":")
    }

    /// The lines held, in order, the opener first: read again one by one
    /// when what was held proves to be no document.
    var heldLines: [ArraySlice<UInt8>] {
        bytes.split(separator: 0x0A)
    }

    /// Adds a line; true once the brackets opened by the first have closed.
    mutating func add(_ line: ArraySlice<UInt8>) -> Bool {
        lines += 1
        bytes.append(contentsOf: line)
        bytes.append(0x0A)
        for byte in line {
            if escaped {
                escaped = false
            } else if quoted {
                if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    quoted = false
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""): quoted = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                default: break
                }
            }
        }
        return depth <= 0
    }
}
