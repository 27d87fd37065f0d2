/// A list of an entry for each process, in chunks of some 64 KiB once it
/// is past one (`CompactTable`'s keys and values, `SourceMerger`'s traces).
///
/// Not one array: one array grows by copying itself into a larger one, so
/// for a moment it takes its old room and its new at once, and then keeps
/// room for what has not come. The JSON report's held events (some 200
/// bytes each) peaked at 79,000 of them being copied into room for 118,000:
/// 38.8 MB where they were 15.5 (docs/performance.md, "Held events: the
/// tables of each process compact"). Here a full chunk is never copied
/// and at most one chunk's room stands empty; the first chunk grows by
/// half, so that a list of a few (an incident's calls, its threads) takes
/// room for a few.
struct ChunkedArray<Element: Sendable>: Sendable, RandomAccessCollection {
    private var chunks: [[Element]] = []
    private(set) var count = 0
    /// Entries a chunk holds: a power of two, some 64 KiB of them.
    static var chunkShift: Int {
        let fit = Swift.max(1, 65_536 / Swift.max(1, MemoryLayout<Element>.stride))
        return Int.bitWidth - 1 - fit.leadingZeroBitCount
    }
    static var chunkSize: Int { 1 << chunkShift }

    init() {}

    var startIndex: Int { 0 }
    var endIndex: Int { count }
    /// Entries made room for.
    var capacity: Int { chunks.reduce(0) { $0 + $1.capacity } }

    subscript(position: Int) -> Element {
        get { chunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)] }
        set { chunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)] = newValue }
    }

    /// Changes the entry at `position` in place, not copied out and back.
    mutating func modify<Result>(at position: Int, _ change: (inout Element) -> Result) -> Result {
        change(&chunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)])
    }

    mutating func append(_ element: Element) {
        Self.append(element, to: &chunks, count: count)
        count += 1
    }

    /// Appends `element` to `chunks` of a list `count` long: true when it
    /// began a chunk (`SpillingList` keeps its chunks as these are).
    @discardableResult
    static func append(_ element: Element, to chunks: inout [[Element]], count: Int) -> Bool {
        let chunk = count >> chunkShift
        let began = chunk == chunks.count
        if began {
            // A later chunk is needed whole; the first grows from nothing.
            var room: [Element] = []
            if chunk > 0 { room.reserveCapacity(chunkSize) }
            chunks.append(room)
        }
        if chunk == 0, chunks[0].count == chunks[0].capacity {
            chunks[0].reserveCapacity(Swift.min(chunkSize, count + count / 2 + 8))
        }
        chunks[chunk].append(element)
        return began
    }

    mutating func removeLast() {
        count -= 1
        let chunk = count >> Self.chunkShift
        chunks[chunk].removeLast()
        // One empty chunk is kept past the last entry's: a list that takes
        // and lets go of one entry at a chunk's edge does not make and
        // free a chunk each time.
        if chunks.count > chunk + 2 { chunks.removeLast() }
    }
}
