import Foundation

/// An event as the JSON report writes it: its object's text less `count`
/// and `identity`, and those two.
public struct EventWrite: Sendable {
    let text: EventJSONText
    let count: Int
    let identity: ContainerIdentity?

    init(text: EventJSONText, count: Int, identity: ContainerIdentity?) {
        self.text = text
        self.count = count
        self.identity = identity
    }

    init(_ event: FailureEvent) {
        self.init(text: event.jsonText ?? EventJSONText(event), count: event.count, identity: event.identity)
    }
}

/// What a JSON report holds of a shim event it counted at once
/// (`CountedEvent`) until the event is final and written with its final
/// count: what the write needs that cannot be worked out again (the text's
/// bytes or their place in the spool, where its count and identity go,
/// the frames to name, the identity) and what merging watch's twin into
/// it reads (`SourceMerger.Shim`), each of the repeated values a place in
/// one of `WaitingWrites`' tables. The whole event held, its record and its
/// text's pieces, made a JSON report of 100,000 processes peak at 1.7x
/// its peak on 10,000 records (docs/performance.md, "Held events: JSON
/// written later, its events small").
/// Plain bytes (the text in memory is in `WaitingWrites.texts`), so that
/// the older ones go to disk (`SpillingList`).
struct WaitingWrite: Sendable {
    /// Its place in the spool, -1 when it is in memory; its length there
    /// (its lines against a reference: `LineDelta`) or in memory.
    var offset: Int
    var length: Int32
    var countAt: Int32
    var identityAt: Int32
    /// In `WaitingWrites`' tables: the frames, the identity (-1: none),
    /// the host and boot id.
    var frames: Int32
    var identity: Int32
    var host: Int32
    var bootId: Int32
    /// `WaitingWrites.place(of:)` of each.
    var errno: Int32
    var pid: Int32
    var tid: Int32
    /// `timeIntervalSinceReferenceDate`, NaN for none (no time a log gives is NaN).
    var date: Double
}

/// The `WaitingWrite`s of a JSON report, each named by its place in one
/// list (a place let go of is taken again), and the tables they name.
struct WaitingWrites {
    /// Texts past this many waiting go to the spool file: a log of a few
    /// processes never makes one. The first this many stay in memory to
    /// the end of a log of many processes (some 3 KB each: at 1,024 they
    /// were 3.3 MB, 4 % of a report's 74 MB; docs/performance.md, "Held
    /// events: the tables of each process on disk"; at 128, 0.4 MB of a
    /// report of 100,000 processes over its peak on 10,000 records:
    /// "The report's last megabytes: the tables' own room").
    static let spoolFrom = 16

    /// A text's frames: its symbols' gaps and the keys to name them by.
    private struct Frames: Hashable {
        var gaps: [EventJSONText.SymbolGap]
        var keys: [FrameKey]
    }

    private var writes = SpillingList<WaitingWrite>()
    /// The texts not in the spool, by their write's place: the first
    /// `spoolFrom` waiting, and those the spool could not take.
    private var texts: [Int32: [UInt8]] = [:]
    private var free: [Int32] = []
    private(set) var waiting = 0
    private var strings = Interned<String?>()
    private var identities = Interned<IdentityBox>()
    private var frames = Interned<Frames>()
    /// The last identity and frames held: most events are of the one
    /// before's workload and backtrace, compared rather than hashed.
    private var lastIdentity: (box: IdentityBox, place: Int32)?
    private var lastFrames: (frames: Frames, place: Int32)?
    /// Numbers a 32-bit place cannot hold (`place(of:)`).
    private var wide: [Int] = []
    /// What the texts spooled are written against (`DeltaReferences`),
    /// by backtrace (its frames' place) and host: a host's events of one
    /// backtrace are most often one program's, whose texts differ in a few
    /// lines (pid, tid, time).
    private var references = DeltaReferences<ReferenceKey>()
    private struct ReferenceKey: Hashable, Sendable {
        var frames: Int32
        var host: Int32
    }
    let spool: EventSpool
    let spoolFrom: Int

    init(spool: EventSpool = EventSpool(), spoolFrom: Int = WaitingWrites.spoolFrom) {
        self.spool = spool
        self.spoolFrom = spoolFrom
    }

    /// Holds what writing `event` later needs (`withText` false: only what
    /// merging needs, for an event the filter left out); its place.
    mutating func hold(_ event: FailureEvent, withText: Bool) -> Int32 {
        let text = withText ? event.jsonText ?? EventJSONText(event) : nil
        var bytes = text?.bytes ?? []
        let framesAt = text.map { framesPlace(Frames(gaps: $0.symbolGaps, keys: $0.frameKeys)) } ?? -1
        let identity = event.identityBox.map { identityPlace($0) } ?? -1
        let host = strings.index(event.record.host)
        let bootId = strings.index(event.record.bootId)
        var offset = -1
        var length = bytes.count
        if waiting >= spoolFrom, !bytes.isEmpty {
            if let place = references.write(bytes, key: ReferenceKey(frames: framesAt, host: host), to: spool) {
                offset = place.offset
                length = Int(place.count)
                bytes = []
            }
        }
        let write = WaitingWrite(
            offset: offset, length: Int32(truncatingIfNeeded: length),
            countAt: Int32(truncatingIfNeeded: text?.countAt ?? 0),
            identityAt: Int32(truncatingIfNeeded: text?.identityAt ?? 0),
            frames: framesAt,
            identity: identity, host: host, bootId: bootId, errno: place(of: event.errnoNumber),
            pid: place(of: event.record.process?.pid), tid: place(of: event.tid),
            date: event.date?.timeIntervalSinceReferenceDate ?? .nan)
        waiting += 1
        let place: Int32
        if let reused = free.popLast() {
            writes[Int(reused)] = write
            place = reused
        } else {
            writes.append(write)
            place = Int32(truncatingIfNeeded: writes.count - 1)
        }
        if offset < 0, !bytes.isEmpty { texts[place] = bytes }
        return place
    }

    /// What was held at `place`, let go of: the event's text (nil when held
    /// without, or when the spool cannot give it back: `spool.failure`),
    /// its identity and what merging reads of it.
    mutating func take(_ place: Int32) -> (text: EventJSONText?, identity: ContainerIdentity?, shim: SourceMerger.Shim)
    {
        let write = writes[Int(place)]
        let inMemory = texts.removeValue(forKey: place) ?? []
        free.append(place)
        waiting -= 1
        var text: EventJSONText?
        if write.frames >= 0 {
            var bytes = inMemory
            if write.offset >= 0 {
                // nil: the spool keeps why (`EventSpool.failure`), the report stops with it.
                let place = EventSpool.Place(offset: write.offset, count: write.length)
                guard let whole = references.read(place, from: spool) else { return (nil, nil, shim(write)) }
                bytes = whole
            }
            let made = frames[write.frames]
            text = EventJSONText(
                bytes: bytes, countAt: Int(write.countAt), identityAt: Int(write.identityAt),
                symbolGaps: made.gaps, frameKeys: made.keys)
        }
        return (text, write.identity < 0 ? nil : identities[write.identity].identity, shim(write))
    }

    private func shim(_ write: WaitingWrite) -> SourceMerger.Shim {
        SourceMerger.Shim(
            host: strings[write.host], bootId: strings[write.bootId], errno: number(at: write.errno),
            pid: number(at: write.pid), tid: number(at: write.tid),
            date: write.date.isNaN ? nil : Date(timeIntervalSinceReferenceDate: write.date))
    }

    /// A number in 0...Int32.max itself (pids, tids and errnos are), -1 for
    /// none, else -2 less its place in `wide`.
    private mutating func place(of number: Int?) -> Int32 {
        guard let number else { return -1 }
        if let inline = Int32(exactly: number), inline >= 0 { return inline }
        wide.append(number)
        return -1 - Int32(truncatingIfNeeded: wide.count)
    }

    private func number(at place: Int32) -> Int? {
        if place >= 0 { return Int(place) }
        return place == -1 ? nil : wide[Int(-2 - place)]
    }

    private mutating func identityPlace(_ box: IdentityBox) -> Int32 {
        if let last = lastIdentity, last.box === box || last.box == box { return last.place }
        let place = identities.index(box)
        lastIdentity = (box, place)
        return place
    }

    private mutating func framesPlace(_ made: Frames) -> Int32 {
        if let last = lastFrames, last.frames == made { return last.place }
        let place = frames.index(made)
        lastFrames = (made, place)
        return place
    }
}
