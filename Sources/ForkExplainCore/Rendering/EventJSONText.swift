/// An event's object in the JSON report, made where the event is classified
/// (on a decoding thread: `ReportBuilder.stream` with `jsonEvents`), less
/// the two members the reading thread settles: `count`, which later tallies
/// and watch's twins add to, and `identity`, whose encoded text the writer
/// makes once for each distinct identity. The reading thread then only
/// copies bytes, where it built every event's text before: a seventh of a
/// report's work, on the one thread every record passes through.
struct EventJSONText: Sendable {
    /// The object's closing brace's indent in the report.
    static let level = 2

    /// The object's text, and where `count`'s value and the identity member go.
    private let bytes: [UInt8]
    private let countAt: Int
    private let identityAt: Int

    /// The event's members but those two, as `JSONReport.Event` lists them.
    init(_ event: FailureEvent) {
        var text = PrettyJSONText()
        var first = true
        var countAt = 0
        var identityAt = 0
        text.append("{\n")
        for (key, value) in JSONReport.Event(event).members {
            switch key {
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
    }

    /// The whole object, with `count` and the identity's encoded text (nil:
    /// the event has none), appended to `text`.
    func write(into text: inout PrettyJSONText, count: Int, identity: String?) {
        text.append(bytes[..<countAt])
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
