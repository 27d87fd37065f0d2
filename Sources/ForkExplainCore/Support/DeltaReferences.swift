/// The texts a JSON report's waiting texts are spooled against
/// (`LineDelta`), a few for each key (`WaitingWrites`: a backtrace and
/// host), and each spooled text as the number of the one it was written
/// against and its lines against it.
///
/// A text is written against the key's reference it shares most lines
/// with, trying them in the order they were made until one leaves less than
/// an eighth of it; one that no reference does that for becomes one, while
/// the key has fewer than `perKey` and all of them hold less than
/// `byteLimit`. Past that a text is written against the best it has, or
/// against none (reference 0): whole, as before.
struct DeltaReferences<Key: Hashable & Sendable>: Sendable {
    static var perKey: Int { 4 }
    /// The references' texts (their lines' bounds and hashes besides):
    /// 4 MiB is 1,600 texts of 2.5 KB. A log of more hosts and backtraces
    /// than that spools the texts past them whole.
    static var byteLimit: Int { 4 << 20 }

    private var made: [LineDelta] = []
    private var byKey: [Key: [Int32]] = [:]
    private var bytes = 0
    private static var none: LineDelta { LineDelta(reference: []) }

    /// References made (for tests).
    var count: Int { made.count }

    /// `text` as it is spooled.
    /// `leading`: zero bytes before it, room for the spool's check.
    mutating func encode(_ text: [UInt8], key: Key, leading: Int = 0) -> [UInt8] {
        var best: (number: Int, delta: [UInt8])?
        let good = text.count / 8
        for place in byKey[key] ?? [] {
            let delta = made[Int(place)].encode(text)
            if best.map({ delta.count < $0.delta.count }) ?? true { best = (Int(place) + 1, delta) }
            if delta.count <= good { break }
        }
        if best.map({ $0.delta.count > good }) ?? true, byKey[key, default: []].count < Self.perKey,
            bytes + text.count <= Self.byteLimit
        {
            made.append(LineDelta(reference: text))
            bytes += text.count
            byKey[key, default: []].append(Int32(truncatingIfNeeded: made.count - 1))
            best = (made.count, made[made.count - 1].encode(text))
        }
        let chosen = best ?? (0, Self.none.encode(text))
        var out = [UInt8](repeating: 0, count: leading)
        out.reserveCapacity(leading + chosen.delta.count + 3)
        LineDelta.append(chosen.number, to: &out)
        out += chosen.delta
        return out
    }

    /// The text `spooled` was made of; nil when it names no reference made
    /// here or is not a delta against the one it names.
    func decode(_ spooled: [UInt8], from start: Int = 0) -> [UInt8]? {
        var at = start
        guard let number = LineDelta.number(spooled, at: &at), number <= made.count else { return nil }
        return (number == 0 ? Self.none : made[number - 1]).decode(spooled, from: at)
    }

    /// `text` spooled (`encode`, sealed: `EventSpool.writeSealed`); nil when
    /// the spool cannot take it.
    mutating func write(_ text: [UInt8], key: Key, to spool: EventSpool) -> EventSpool.Place? {
        var sealed = encode(text, key: key, leading: EventSpool.sealSize)
        return spool.writeSealed(&sealed)
    }

    /// The text spooled at `place`; nil when the spool cannot give it back
    /// (`EventSpool.failure` says why, and the report stops with it). One
    /// that passes the spool's check and still does not decode against
    /// these references is not what was written either: `failure` says so.
    func read(_ place: EventSpool.Place, from spool: EventSpool) -> [UInt8]? {
        guard let spooled = spool.readSealed(place) else { return nil }
        guard let text = decode(spooled, from: EventSpool.sealSize) else {
            spool.fail(.changed)
            return nil
        }
        return text
    }
}
