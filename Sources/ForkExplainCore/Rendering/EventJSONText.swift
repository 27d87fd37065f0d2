/// An event's object in the JSON report, made where the event is classified
/// (on a decoding thread: `ReportBuilder.stream` with `HeldForm.json`), less
/// what the reading thread settles: `count`, which later tallies and
/// watch's twins add to, `identity`, whose encoded text the writer makes
/// once for each distinct identity, and each frame's `symbol`, which the
/// one symbol cache names (`SymbolCache`: the symbolizer runs once a
/// frame). The reading thread then only copies bytes, where it built every
/// event's text before: a seventh of a report's work, on the one thread
/// every record passes through.
struct EventJSONText: Sendable {
    /// The object's closing brace's indent in the report.
    static let level = 2

    /// The object's text, and where `count`'s value and the identity member
    /// go. Settable: a held event's text is kept in pieces that many events
    /// share, and put back together when it is final (`SharedParts`).
    var bytes: [UInt8]
    let countAt: Int
    let identityAt: Int
    /// Where each frame's `symbol` member goes (the end of its object), and
    /// the frame's key to name it by: the compact event's record no longer
    /// has its frames (`FailureEvent.compactForJSON`). Settable: held
    /// events with the same frames share one list (`SharedParts`).
    var symbolGaps: [SymbolGap]

    struct SymbolGap: Hashable, Sendable {
        var at: Int
        var key: FrameKey?
        /// No member before it in the frame's object.
        var first: Bool
    }

    /// A frame object's closing brace's indent: in `backtrace`'s array.
    private static let frameLevel = BacktraceJSONText.frameLevel

    /// Room an event's text is made in: its members other than the
    /// frames come to some 2 KB.
    static let roomBesideFrames = 2048

    /// The event's members but those two, as `JSONReport.Event` lists them.
    init(_ event: FailureEvent) {
        let frames = event.record.backtrace ?? []
        let backtrace = frames.isEmpty ? nil : BacktraceJSONText.cached(frames)
        var text = PrettyJSONText(capacity: Self.roomBesideFrames + (backtrace?.bytes.count ?? 0))
        var first = true
        var countAt = 0
        var identityAt = 0
        var gaps: [SymbolGap] = []
        var keys: [FrameKey] = []
        text.append("{\n")
        // The frames come from the cache, not from the members' list.
        for (key, value) in JSONReport.Event(event, withFrames: false).members {
            switch key {
            case "backtrace":
                // `JSONReport.Event` writes no backtrace for no frames.
                guard let made = backtrace else { continue }
                text.memberKey(key, level: Self.level, first: &first)
                let base = text.bytes.count
                text.append(made.bytes[...])
                gaps = made.gaps.map { SymbolGap(at: base + $0.at, key: $0.key, first: $0.first) }
                keys = made.keys
            case "count":
                text.memberKey(key, level: Self.level, first: &first)
                countAt = text.bytes.count
            case "identity":
                identityAt = text.bytes.count
            default:
                guard let value else { continue }
                text.memberKey(key, level: Self.level, first: &first)
                text.value(value, level: Self.level)
            }
        }
        text.close(level: Self.level)
        bytes = text.bytes
        self.countAt = countAt
        self.identityAt = identityAt
        symbolGaps = gaps
        frameKeys = keys
    }

    /// A text put back together from what a `WaitingWrite` kept of it.
    init(bytes: [UInt8], countAt: Int, identityAt: Int, symbolGaps: [SymbolGap], frameKeys: [FrameKey]) {
        self.bytes = bytes
        self.countAt = countAt
        self.identityAt = identityAt
        self.symbolGaps = symbolGaps
        self.frameKeys = frameKeys
    }

    /// The frames the writer names (`SymbolCache`), those it can: a frame
    /// without a module and offset has no key. The list the backtrace's
    /// cached text holds (`BacktraceJSONText`): events of one backtrace
    /// share its storage.
    let frameKeys: [FrameKey]

    /// The whole object, with `count`, the identity's encoded text (nil:
    /// the event has none) and the frames' names in `symbols`, appended to
    /// `text`.
    func write(into text: inout PrettyJSONText, count: Int, identity: String?, symbols: [FrameKey: String] = [:]) {
        write(into: &text, count: count, identity: identity, names: frameKeys.map { symbols[$0] })
    }

    /// The same with the frames' names given in `frameKeys`' order (nil:
    /// not named): the writer keeps them from one event to the next of the
    /// same backtrace instead of hashing each frame's key again.
    func write(into text: inout PrettyJSONText, count: Int, identity: String?, names: [String?]) {
        // `backtrace` sorts before `count`: its gaps come first.
        var start = 0
        var keyed = 0
        for gap in symbolGaps where gap.key != nil {
            defer { keyed += 1 }
            guard keyed < names.count, let symbol = names[keyed] else { continue }
            text.append(bytes[start..<gap.at])
            var first = gap.first
            text.memberKey("symbol", level: Self.frameLevel, first: &first)
            text.string(symbol)
            start = gap.at
        }
        text.append(bytes[start..<countAt])
        text.append(String(count))
        text.append(bytes[countAt..<identityAt])
        if let identity {
            // `advice` and `call` come before it: never the first member.
            var first = false
            text.memberKey("identity", level: Self.level, first: &first)
            text.append(identity)
        }
        text.append(bytes[identityAt...])
    }
}
