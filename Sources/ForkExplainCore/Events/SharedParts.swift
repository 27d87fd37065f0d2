/// What the events a report holds have in common, held once. The 100,000
/// processes of one program that failed within a second share a handful
/// of verdicts, identities, backtraces and PID scans, and their JSON texts
/// differ in a few lines (pid, tid, time); held each on its own, they were
/// most of such a report's memory (docs/performance.md, "Held events").
/// `EventBuilder` shares an event's parts once it holds many: below that
/// what the events hold is small, and the hashing would cost the reading
/// thread for nothing.
struct SharedParts: Sendable {
    /// Values a pool keeps before it starts again: it only finds equal
    /// parts, the events keep theirs, so forgetting loses sharing, not data.
    static let limit = 1 << 16
    /// A piece of a JSON text starts at a line this far in or less (a
    /// member of the event's object, an element of its lists, a frame's
    /// object), so that a frame's members stay in its piece.
    static let pieceIndent = (EventJSONText.level + 2) * 2

    private var verdicts = Pool<VerdictBox>()
    private var identities = Pool<IdentityBox>()
    private var strings = Pool<String>()
    private var tops = Pool<SectionBox<TopSnapshot>>()
    private var calls = Pool<SectionBox<CallSnapshot>>()
    private var backtraces = Pool<[BacktraceFrame]>()
    private var gaps = Pool<[EventJSONText.SymbolGap]>()
    private var pieces = Pool<[UInt8]>()

    /// The event with its parts replaced by the equal ones held already.
    /// Its JSON text, when it has one, comes back in pieces shared the same
    /// way, and the event's is emptied: `joined` puts it back together.
    /// `cutting` false: the text is left whole (it goes to a spool file).
    mutating func share(_ event: inout FailureEvent, cutting: Bool = true) -> [[UInt8]]? {
        var record = event.record
        record.time = strings.shared(record.time)
        record.host = strings.shared(record.host)
        record.bootId = strings.shared(record.bootId)
        record.kernel = strings.shared(record.kernel)
        record.topBox = tops.shared(record.topBox)
        record.callBox = calls.shared(record.callBox)
        record.backtrace = backtraces.shared(record.backtrace)
        event.share(
            record: record, verdict: verdicts.shared(event.verdictBox), identity: identities.shared(event.identityBox),
            workload: strings.shared(event.workload), lastTime: strings.shared(event.lastTime))
        guard var text = event.jsonText else { return nil }
        text.symbolGaps = gaps.shared(text.symbolGaps)
        guard cutting else {
            event.jsonText = text
            return nil
        }
        let shared = Self.pieces(of: text.bytes).map { pieces.shared(Array($0)) }
        text.bytes = []
        event.jsonText = text
        return shared
    }

    static func joined(_ pieces: [[UInt8]]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pieces.reduce(0) { $0 + $1.count })
        for piece in pieces { bytes += piece }
        return bytes
    }

    /// The text cut before each line at most `pieceIndent` in that opens
    /// something (not a closing brace or bracket, which stays with what it
    /// closes). A JSON string holds no raw newline: each is the text's own.
    static func pieces(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var cut: [ArraySlice<UInt8>] = []
        var start = 0
        var index = 0
        while let newline = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) {
            let line = newline + 1
            var first = line
            while first < bytes.count, first - line <= pieceIndent, bytes[first] == UInt8(ascii: " ") { first += 1 }
            if first < bytes.count, first - line <= pieceIndent, bytes[first] != UInt8(ascii: "}"),
                bytes[first] != UInt8(ascii: "]")
            {
                cut.append(bytes[start..<line])
                start = line
            }
            index = line
        }
        cut.append(bytes[start...])
        return cut
    }
}

/// Distinct values, each held once.
struct Pool<Value: Hashable & Sendable>: Sendable {
    private var values: Set<Value> = []

    mutating func shared(_ value: Value) -> Value {
        if values.count >= SharedParts.limit { values.removeAll() }
        return values.insert(value).memberAfterInsert
    }

    mutating func shared(_ value: Value?) -> Value? {
        value.map { shared($0) }
    }
}
