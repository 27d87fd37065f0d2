import Foundation

/// A backtrace's array in an event's JSON text (`EventJSONText`), with
/// a gap for each frame's `symbol`: made once for each distinct backtrace.
/// A log's events share a few backtraces (one program failing at one call
/// site), and the frames were some 40 % of each event's text, rendered
/// anew for every event on the decoding threads (docs/performance.md,
/// "Backtraces made once").
struct BacktraceJSONText: Sendable {
    /// From `[` to `]`, as written after `"backtrace" : `.
    let bytes: [UInt8]
    /// The gaps, their `at` counted from the start of `bytes`.
    let gaps: [EventJSONText.SymbolGap]
    /// The frames' keys, those that have one, in order: one list that
    /// every event of the backtrace shares, so the writer tells it from
    /// the previous event's by its storage first (`JSONReportWriter`).
    let keys: [FrameKey]

    /// A frame object's closing brace's indent: in `backtrace`'s array.
    static let frameLevel = EventJSONText.level + 2

    init(_ frames: [BacktraceFrame]) {
        var text = PrettyJSONText()
        var gaps: [EventJSONText.SymbolGap] = []
        text.append("[\n")
        for (index, frame) in frames.enumerated() {
            if index > 0 { text.append(",\n") }
            text.indent(Self.frameLevel)
            text.append("{\n")
            var firstMember = true
            for (name, member) in JSONReport.Frame(frame, symbols: [:]).members {
                guard let member else { continue }
                text.memberKey(name, level: Self.frameLevel, first: &firstMember)
                text.value(member, level: Self.frameLevel)
            }
            gaps.append(EventJSONText.SymbolGap(at: text.bytes.count, key: FrameKey(frame), first: firstMember))
            text.close(level: Self.frameLevel)
        }
        text.append("\n")
        text.indent(EventJSONText.level + 1)
        text.append("]")
        bytes = text.bytes
        self.gaps = gaps
        keys = gaps.compactMap(\.key)
    }

    /// The text for `frames`, from the cache when it has them.
    static func cached(_ frames: [BacktraceFrame]) -> BacktraceJSONText {
        shared.text(for: frames)
    }

    static let shared = Cache(limit: 4096)

    /// Each distinct backtrace's text, shared by the decoding threads.
    /// Bounded: a log of more distinct backtraces than `limit` starts the
    /// cache again, which costs rendering, never output.
    final class Cache: @unchecked Sendable {
        let limit: Int
        /// Guards `texts` and `last`: every decoding thread looks up and adds.
        private let lock = NSLock()
        private var texts: [[BacktraceFrame]: BacktraceJSONText] = [:]
        /// The backtrace found or added last, compared before `texts` is
        /// hashed: a log's events mostly repeat the one before's frames,
        /// and hashing every frame's strings for each event was a fiftieth
        /// of a JSON report's work (docs/performance.md, "The reader's CPU:
        /// Foundation's searches per record").
        private var last: (frames: [BacktraceFrame], text: BacktraceJSONText)?

        init(limit: Int) { self.limit = limit }

        var count: Int { lock.withLock { texts.count } }

        func text(for frames: [BacktraceFrame]) -> BacktraceJSONText {
            let found = lock.withLock { () -> BacktraceJSONText? in
                if let last, last.frames == frames { return last.text }
                guard let made = texts[frames] else { return nil }
                last = (frames, made)
                return made
            }
            if let found { return found }
            // Rendered outside the lock: two threads may both render a new
            // backtrace, and the second's text is the same.
            let made = BacktraceJSONText(frames)
            lock.withLock {
                if texts.count >= limit { texts.removeAll() }
                texts[frames] = made
                last = (frames, made)
            }
            return made
        }
    }
}
