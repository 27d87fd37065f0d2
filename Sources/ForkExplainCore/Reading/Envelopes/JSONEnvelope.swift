/// The envelopes that are JSON around the line: a container runtime's,
/// journald's, a shipper's document, and the responses of Loki and
/// Elasticsearch (docs/shipping.md, "What report - unwraps", which cites
/// each tool's documentation for its shape).
enum JSONEnvelope {
    /// What one JSON value holds.
    enum Content {
        /// The value is a record itself; `shipperKeys` when a shipper parsed
        /// it and added its own keys (`host`, `file`, `kubernetes`...).
        case record(shipperKeys: Bool)
        /// Values inside to unwrap in turn: lines as text, documents as JSON.
        case inner([Inner], EnvelopeKind?)
        /// A Docker json-file line: `log` ends in a newline unless Docker cut
        /// a long line into pieces, which follow on the same stream.
        case dockerLine(text: String, stream: String)
        /// journald left the message out (`null`: a field over 4096 bytes
        /// without `--all`): a record may have been there.
        case lost(EnvelopeKind)
        case none
    }

    enum Inner {
        case text([UInt8])
        case value(JSONValue)
    }

    static func classify(_ value: JSONValue) -> Content {
        switch value {
        case .object: return classifyObject(value)
        case .array(let elements): return classifyArray(elements)
        default: return .none
        }
    }

    /// Keys log shippers add to an event beside the fields they parsed.
    private static let shipperKeys: Set<String> = [
        "source_type", "kubernetes", "file", "@timestamp", "timestamp", "date", "stream", "_p", "labels", "path",
        "agent", "ecs", "fields", "tag", "log.file.path",
    ]

    private static func classifyObject(_ value: JSONValue) -> Content {
        guard case .object(let members) = value else { return .none }
        if value.member("schema") != nil {
            return .record(shipperKeys: members.contains { shipperKeys.contains($0.key) })
        }
        // Elasticsearch's _search response: hits.hits[]._source.
        if let hits = value.member("hits")?.member("hits"), case .array(let found) = hits {
            return .inner(found.compactMap { $0.member("_source").map(Inner.value) }, .elasticsearch)
        }
        // One hit, as `jq -c '.hits.hits[]'` gives it.
        if let source = value.member("_source") { return .inner([.value(source)], .elasticsearch) }
        // Loki's query_range response: data.result[].values[][1].
        if let result = value.member("data")?.member("result"), case .array(let streams) = result {
            var lines: [Inner] = []
            for stream in streams {
                guard case .array(let values)? = stream.member("values") else { continue }
                for case .array(let pair) in values where pair.count >= 2 {
                    if case .string(let line) = pair[1] { lines.append(.text(Array(line.utf8))) }
                }
            }
            return .inner(lines, .loki)
        }
        // `logcli query --output=jsonl`: {"labels":{...},"line":"...","timestamp":"..."}.
        if case .string(let line)? = value.member("line"),
            value.member("labels") != nil || value.member("timestamp") != nil
        {
            return .inner([.text(Array(line.utf8))], .loki)
        }
        if let message = value.member("MESSAGE") { return journald(message) }
        if case .string(let text)? = value.member("log"), case .string(let stream)? = value.member("stream"),
            value.member("time") != nil
        {
            return .dockerLine(text: text, stream: stream)
        }
        if let log = value.member("log"), let inner = inner(log) { return .inner([inner], .fluentBit) }
        if let message = value.member("message"), let inner = inner(message) {
            return .inner([inner], value.member("source_type") != nil ? .vector : .messageField)
        }
        // rsyslog's %jsonmesg%: the message is "msg", beside "hostname".
        if let message = value.member("msg"), let inner = inner(message),
            value.member("hostname") != nil || value.member("syslogtag") != nil
        {
            return .inner([inner], .rsyslog)
        }
        return .none
    }

    private static func classifyArray(_ elements: [JSONValue]) -> Content {
        // Fluent Bit's `[TIME, RECORD]` (and, from v2.1, `[[TIME, METADATA], RECORD]`).
        if elements.count == 2, case .object = elements[1] {
            switch elements[0] {
            case .int, .uint, .double, .array: return .inner([.value(elements[1])], .fluentBit)
            default: break
            }
        }
        // A JSON array of events (Fluent Bit's `format json`, a pasted list of hits).
        if !elements.isEmpty, elements.allSatisfy({ if case .object = $0 { return true } else { return false } }) {
            return .inner(elements.map(Inner.value), nil)
        }
        return .none
    }

    /// journald's MESSAGE: a string, an array of bytes when it is not
    /// valid UTF-8 or holds control characters, or null when over the size
    /// limit of the JSON output.
    private static func journald(_ message: JSONValue) -> Content {
        switch message {
        case .string(let text): return .inner([.text(Array(text.utf8))], .journald)
        case .null: return .lost(.journald)
        case .array(let numbers):
            var bytes: [UInt8] = []
            bytes.reserveCapacity(numbers.count)
            for number in numbers {
                guard case .int(let byte) = number, let exact = UInt8(exactly: byte) else { return .none }
                bytes.append(exact)
            }
            return .inner([.text(bytes)], .journald)
        default: return .none
        }
    }

    private static func inner(_ value: JSONValue) -> Inner? {
        switch value {
        case .string(let text): return .text(Array(text.utf8))
        case .object: return .value(value)
        default: return nil
        }
    }
}
