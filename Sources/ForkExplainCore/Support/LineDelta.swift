#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A text kept as the lines it shares with a reference text and those it
/// does not: what a JSON report spools of each event waiting for its
/// incident (`WaitingWrites`). The events of one backtrace are texts of
/// some 2.5 KB that differ in a few lines (pid, tid, time), so 100,000
/// processes spooled 250 MB of the same lines again (docs/performance.md,
/// "Held events: JSON's waiting texts as lines of a reference").
///
/// The delta is the text's length, then a list of operations, each a
/// LEB128 number `n` (and what follows it): `n` even, a run of `count` (the next number) of the
/// reference's lines from line `n / 2`; `n` odd, `n / 2` bytes of the text
/// itself, which follow. Lines end after their newline; the text's last
/// line may have none. Any text can be written against any reference
/// (an empty one gives the text itself, in one operation).
struct LineDelta: Sendable {
    let bytes: [UInt8]
    /// Where each line starts, and the end of the last one.
    private let bounds: [Int]
    /// A line's hash and the first of the reference's lines with it.
    private let firstWithHash: [Int: Int32]

    init(reference bytes: [UInt8]) {
        self.bytes = bytes
        let bounds = Self.bounds(of: bytes)
        var firstWithHash: [Int: Int32] = [:]
        for line in 0..<(bounds.count - 1) {
            let hash = Self.hash(bytes, bounds[line]..<bounds[line + 1])
            if firstWithHash[hash] == nil { firstWithHash[hash] = Int32(truncatingIfNeeded: line) }
        }
        self.bounds = bounds
        self.firstWithHash = firstWithHash
    }

    private var lines: Int { bounds.count - 1 }

    /// `text` against the reference. Its lines are looked for where the
    /// last matched one's successor is, then by hash: most lines are the
    /// reference's next one, compared without hashing.
    func encode(_ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        Self.append(text.count, to: &out)
        var expected = 0
        var run = (first: 0, count: 0)
        var literal = 0..<0
        func flushRun() {
            guard run.count > 0 else { return }
            Self.append(run.first << 1, to: &out)
            Self.append(run.count, to: &out)
            run.count = 0
        }
        func flushLiteral() {
            guard !literal.isEmpty else { return }
            Self.append(literal.count << 1 | 1, to: &out)
            out += text[literal]
            literal = 0..<0
        }
        var start = 0
        while start < text.count {
            let end = (text[start...].firstIndex(of: UInt8(ascii: "\n")) ?? (text.count - 1)) + 1
            let line = start..<end
            var match: Int?
            if expected < lines, same(text, line, as: expected) {
                match = expected
            } else if let found = firstWithHash[Self.hash(text, line)], same(text, line, as: Int(found)) {
                match = Int(found)
            }
            if let match {
                flushLiteral()
                if run.count > 0, run.first + run.count == match {
                    run.count += 1
                } else {
                    flushRun()
                    run = (match, 1)
                }
                expected = match + 1
            } else {
                flushRun()
                literal = literal.isEmpty ? line : literal.lowerBound..<end
                // A line replaced: the next is most likely the reference's after it.
                expected += 1
            }
            start = end
        }
        flushRun()
        flushLiteral()
        return out
    }

    /// The text `delta` was made of, nil when it is not a delta against
    /// this reference (a run past its lines, a number or literal cut short,
    /// a text of another length than it says).
    func decode(_ delta: [UInt8], from start: Int = 0) -> [UInt8]? {
        var at = start
        guard let length = Self.number(delta, at: &at) else { return nil }
        var text: [UInt8] = []
        text.reserveCapacity(length)
        while at < delta.count {
            guard let op = Self.number(delta, at: &at) else { return nil }
            if op & 1 == 1 {
                let count = op >> 1
                guard count <= delta.count - at else { return nil }
                text += delta[at..<(at + count)]
                at += count
            } else {
                let first = op >> 1
                guard let count = Self.number(delta, at: &at), first < lines, count <= lines - first else {
                    return nil
                }
                text += bytes[bounds[first]..<bounds[first + count]]
            }
            guard text.count <= length else { return nil }
        }
        return text.count == length ? text : nil
    }

    private func same(_ text: [UInt8], _ line: Range<Int>, as index: Int) -> Bool {
        let start = bounds[index]
        guard bounds[index + 1] - start == line.count else { return false }
        return text.withUnsafeBufferPointer { mine in
            bytes.withUnsafeBufferPointer { theirs in
                guard let a = mine.baseAddress, let b = theirs.baseAddress else { return line.isEmpty }
                return memcmp(a + line.lowerBound, b + start, line.count) == 0
            }
        }
    }

    private static func bounds(of bytes: [UInt8]) -> [Int] {
        var bounds = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { bounds.append(index + 1) }
        if bounds.last != bytes.count { bounds.append(bytes.count) }
        return bounds
    }

    private static func hash(_ bytes: [UInt8], _ range: Range<Int>) -> Int {
        var hasher = Hasher()
        bytes.withUnsafeBytes { hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: $0[range])) }
        return hasher.finalize()
    }

    static func append(_ number: Int, to out: inout [UInt8]) {
        var rest = UInt(number)
        while rest >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        out.append(UInt8(rest))
    }

    static func number(_ bytes: [UInt8], at: inout Int) -> Int? {
        var value = 0
        var shift = 0
        while at < bytes.count, shift < 63 {
            let byte = bytes[at]
            at += 1
            value |= Int(byte & 0x7f) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }
}
