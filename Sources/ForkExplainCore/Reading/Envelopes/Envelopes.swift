/// Unwraps, line by line and without configuration, the envelopes a record
/// comes back in from a log pipeline (docs/shipping.md, "What report -
/// unwraps"): a container runtime's log line, `kubectl logs`' prefixes,
/// journald's JSON, a shipper's document, a Loki or Elasticsearch response.
/// What is left is either a record's line, to decode, or the program's own
/// output that shared the stream, which is not a record and not an error.
struct Envelopes {
    enum Output {
        /// A line to decode as a record, and the envelope it came in.
        case line(ArraySlice<UInt8>, EnvelopeKind?)
        /// Not a record: the program's own output, another tool's JSON.
        case other
        /// A record may have been there but cannot be read: counted as malformed.
        case lost(lines: Int)
    }

    /// Whether any line came in an envelope: input that is all container
    /// output and no record is then a log with no failures, not "not a log".
    /// Only shapes no ordinary text has count: a line that merely starts
    /// with a time is any program's log.
    private(set) var sawEnvelope = false
    /// Pieces of long lines a runtime cut up, by envelope and stream.
    private var pieces: [String: [UInt8]] = [:]
    private var document: PendingDocument?

    /// Deeper than any real pipeline nests (Loki holding a shipper's
    /// document holding a CRI line): a bound on hostile input.
    private static let deepest = 6
    /// A document spread over lines is held whole; a line is bounded by
    /// the scanner already.
    private static let largestDocument = LineScanner.longestLine

    /// The one entry: every non-blank line of a log passes here before decoding.
    mutating func unwrap(_ raw: ArraySlice<UInt8>, _ emit: (Output) throws -> Void) rethrows {
        let line = Self.trimmed(raw)
        if document != nil {
            try continueDocument(line, emit)
            return
        }
        // The usual case, a bare record, costs one comparison.
        if line.starts(with: Self.recordStart) {
            try emit(.line(line, nil))
            return
        }
        if PendingDocument.opens(line) {
            document = PendingDocument()
            try continueDocument(line, emit)
            return
        }
        try unwrapText(line, kind: nil, depth: 0, emit)
    }

    /// At the end of the input: pieces never finished, a document never closed.
    mutating func finish(_ emit: (Output) throws -> Void) rethrows {
        for key in pieces.keys.sorted() {
            guard let rest = pieces.removeValue(forKey: key) else { continue }
            let kind: EnvelopeKind = key.hasPrefix("cri") ? .cri : .docker
            try unwrapText(rest[...], kind: kind, depth: 1, emit)
        }
        if let open = document {
            document = nil
            // A lone `[` or `{` and only records after it, never closed: the
            // program's output line, then records, not one document cut short.
            if open.heldLines.dropFirst().allSatisfy({ $0.starts(with: Self.recordStart) }) {
                try reread(open, emit)
            } else {
                try emit(.lost(lines: open.lines))
            }
        }
    }

    /// What was held as a document was none: its opener is the program's
    /// own output, and every line after it is read again on its own (a
    /// lone `[` takes the record after it as the array's first element,
    /// which it is not once a record follows with no comma between).
    private mutating func reread(_ open: PendingDocument, _ emit: (Output) throws -> Void) rethrows {
        try emit(.other)
        for held in open.heldLines.dropFirst() {
            try unwrap(held, emit)
        }
    }

    private static let recordStart = Array("{\"schema\":".utf8)

    private mutating func continueDocument(_ line: ArraySlice<UInt8>, _ emit: (Output) throws -> Void) rethrows {
        guard var open = document else { return }
        // A record's line where no JSON value can stand (after a lone `{`
        // that a program printed, not after `[` or `,`): what was held was
        // no document, and must not swallow every record after it.
        if line.starts(with: Self.recordStart), !open.valueMayFollow {
            document = nil
            try reread(open, emit)
            try unwrap(line, emit)
            return
        }
        let closed = open.add(line)
        if open.bytes.count > Self.largestDocument {
            document = nil
            try emit(.lost(lines: open.lines))
            return
        }
        guard closed else {
            document = open
            return
        }
        document = nil
        guard let value = JSONValue.parse(open.bytes[...]) else {
            try emit(.lost(lines: open.lines))
            return
        }
        try unwrapValue(value, original: open.bytes[...], kind: nil, depth: 0, emit)
    }

    private mutating func unwrapText(
        _ text: ArraySlice<UInt8>, kind outer: EnvelopeKind?, depth: Int, _ emit: (Output) throws -> Void
    ) rethrows {
        var line = Self.trimmed(text)
        var kind = outer
        // Text prefixes stack: kubectl's pod prefix before its timestamp.
        for _ in 0..<4 {
            if let cri = TextEnvelope.cri(line) {
                note(&kind, .cri)
                let key = "cri " + String(decoding: cri.stream, as: UTF8.self)
                guard let whole = joined(cri.content, key: key, partial: cri.partial) else { return }
                line = Self.trimmed(whole[...])
            } else if let rest = TextEnvelope.kubectlPrefix(line) {
                note(&kind, .kubectl)
                line = rest
            } else if let rest = TextEnvelope.timestamped(line) {
                note(&kind, .kubectl, distinctive: false)
                line = rest
            } else if kind == .kubectl, let rest = TextEnvelope.lokiLabels(line) {
                // logcli's default output: TIME {labels} LINE.
                kind = outer ?? .loki
                line = rest
            } else if kind == nil, let rest = TextEnvelope.fluentBitTag(line) {
                note(&kind, .fluentBit, distinctive: false)
                line = rest
            } else {
                break
            }
        }
        if line.starts(with: Self.recordStart) {
            try emit(.line(line, kind))
            return
        }
        guard line.first == UInt8(ascii: "{") || line.first == UInt8(ascii: "["),
            let value = JSONValue.parse(line)
        else {
            if let record = TextEnvelope.embeddedRecord(line) {
                note(&kind, .textPrefix)
                try emit(.line(record, kind))
            } else if Self.claimsRecord(line) {
                // Cut short or garbled: a malformed record, not other output.
                try emit(.line(line, kind))
            } else {
                try emit(.other)
            }
            return
        }
        try unwrapValue(value, original: line, kind: kind, depth: depth, emit)
    }

    private mutating func unwrapValue(
        _ value: JSONValue, original: ArraySlice<UInt8>?, kind outer: EnvelopeKind?, depth: Int,
        _ emit: (Output) throws -> Void
    ) rethrows {
        guard depth < Self.deepest else {
            try emit(.other)
            return
        }
        var kind = outer
        switch JSONEnvelope.classify(value) {
        case .record(let shipperKeys):
            if shipperKeys { note(&kind, .parsed) }
            try emit(.line(original ?? value.jsonBytes[...], kind))
        case .inner(let values, let found):
            if let found { note(&kind, found) }
            if values.isEmpty { try emit(.other) }
            for inner in values {
                switch inner {
                case .text(let bytes): try unwrapText(bytes[...], kind: kind, depth: depth + 1, emit)
                case .value(let nested): try unwrapValue(nested, original: nil, kind: kind, depth: depth + 1, emit)
                }
            }
        case .dockerLine(let text, let stream):
            note(&kind, .docker)
            // Docker ends each whole line's `log` with its newline; a piece
            // of a longer line has none.
            let bytes = Array(text.utf8)
            let partial = bytes.last != 0x0A
            guard let whole = joined(bytes[...], key: "docker " + stream, partial: partial) else { return }
            try unwrapText(whole[...], kind: kind, depth: depth + 1, emit)
        case .lost(let found):
            note(&kind, found)
            try emit(.lost(lines: 1))
        case .none:
            try emit(.other)
        }
    }

    /// The whole line once its last piece is in; nil while pieces are
    /// pending. Pieces that never end are held no longer than a line would be.
    private mutating func joined(_ piece: ArraySlice<UInt8>, key: String, partial: Bool) -> [UInt8]? {
        if partial {
            pieces[key, default: []].append(contentsOf: piece)
            guard let held = pieces[key], held.count > LineScanner.longestLine else { return nil }
            pieces[key] = nil
            return held
        }
        guard var whole = pieces.removeValue(forKey: key) else { return Array(piece) }
        whole.append(contentsOf: piece)
        return whole
    }

    private mutating func note(_ kind: inout EnvelopeKind?, _ found: EnvelopeKind, distinctive: Bool = true) {
        if distinctive { sawEnvelope = true }
        if kind == nil { kind = found }
    }

    /// A line that names a record's first key but is not one whole.
    private static func claimsRecord(_ line: ArraySlice<UInt8>) -> Bool {
        line.first == UInt8(ascii: "{") && TextEnvelope.find(Array("\"schema\"".utf8), in: line) != nil
    }

    private static func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var line = line
        while let last = line.last, last == 0x0A || last == 0x0D || last == 0x20 || last == 0x09 {
            line = line.dropLast()
        }
        while let first = line.first, first == 0x20 || first == 0x09 || first == 0x1E {
            line = line.dropFirst()
        }
        return line
    }
}
