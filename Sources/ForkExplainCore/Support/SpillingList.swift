/// A list of an entry for each process that only grows (`SourceMerger`'s
/// traces, `WaitingWrites`' waiting events), in chunks of some 64 KiB as
/// `ChunkedArray`'s, of which the last `kept` stay in memory and the others
/// go to a temporary file (an `EventSpool`, unlinked when made) when the
/// entries are plain bytes (no reference). An entry on disk is read and
/// written where it is, one `pread` or `pwrite` of its bytes: what a report
/// keeps of each process to the end no longer grows its memory
/// (docs/performance.md, "Held events: the tables of each process on disk").
///
/// A file that cannot take a chunk leaves it, and the later ones, in
/// memory; a read or write that fails once an entry is on disk cannot be
/// undone: the report stops with the reason. Each chunk on disk has a sum
/// in memory (`SpillSeal.shares`, 8 bytes a chunk of 64 KiB), checked at
/// each read of it and kept at each write in place by the words written:
/// a file changed from outside stops the report (`SpillFailure`).
struct SpillingList<Element: Sendable>: Sendable {
    private var chunks: [[Element]] = []
    /// Each chunk's place in the file, -1 while it is in memory.
    private var offsets: [Int] = []
    /// Each chunk's sum on disk (`SpillSeal.shares`).
    private var sums: [UInt64] = []
    private var file: Disk?
    private var cannotSpill = false
    private(set) var count = 0
    /// Full chunks kept in memory besides the one being filled.
    let kept: Int
    private let directory: String?

    private static var chunkShift: Int { ChunkedArray<Element>.chunkShift }
    static var chunkSize: Int { ChunkedArray<Element>.chunkSize }
    private static var spillable: Bool { _isPOD(Element.self) && MemoryLayout<Element>.alignment <= 8 }

    init(kept: Int = 2, directory: String? = nil) {
        self.kept = Swift.max(0, kept)
        self.directory = directory
    }

    /// The file, and the chunk last read whole from it: entries are most
    /// often read in the order they were added (a JSON report's waiting
    /// events at the end of its log), one read of a chunk for all of its.
    private final class Disk: @unchecked Sendable {
        let spool: EventSpool
        var chunk = -1
        var bytes: [UInt8] = []

        init(directory: String?) { spool = EventSpool(directory: directory, holding: "its list of processes") }
    }

    /// Chunks on disk (for tests).
    var spilledChunks: Int { offsets.filter { $0 >= 0 }.count }

    subscript(position: Int) -> Element {
        get {
            let chunk = position >> Self.chunkShift
            let offset = offsets[chunk]
            guard offset >= 0 else { return chunks[chunk][position & (Self.chunkSize - 1)] }
            return read(chunk: chunk, at: position & (Self.chunkSize - 1))
        }
        set { modify(at: position) { $0 = newValue } }
    }

    /// Changes the entry at `position`, in memory or on disk.
    mutating func modify<Result>(at position: Int, _ change: (inout Element) -> Result) -> Result {
        let chunk = position >> Self.chunkShift
        let within = position & (Self.chunkSize - 1)
        guard offsets[chunk] >= 0 else { return change(&chunks[chunk][within]) }
        // A copy of the list shares the file until one of them changes it.
        if !isKnownUniquelyReferenced(&file) { copyFile() }
        let stride = MemoryLayout<Element>.stride
        var element: Element = read(chunk: chunk, at: within)
        let result = change(&element)
        // Its stride, not its size: the file holds whole chunks.
        var bytes = [UInt8](repeating: 0, count: stride)
        withUnsafeBytes(of: element) { raw in bytes.withUnsafeMutableBytes { $0.copyMemory(from: raw) } }
        guard let file else { fatalError("forkexplain report: its list of processes has no spill file") }
        // The chunk read whole (`read` above keeps it): the sum is kept by it.
        if file.chunk != chunk { _ = read(chunk: chunk, at: within) }
        guard file.spool.overwrite(bytes, at: offsets[chunk] + within * stride) else {
            file.spool.failureNow(.write(SpillFailure.lastError())).stop()
        }
        // The sum kept by the words the entry lies on, before and after.
        let changed = (within * stride)..<((within + 1) * stride)
        let words = SpillSeal.words(covering: changed, count: file.bytes.count)
        let first = words.lowerBound / 8
        file.bytes.withUnsafeBytes {
            sums[chunk] &-= SpillSeal.shares(UnsafeRawBufferPointer(rebasing: $0[words]), first: first)
        }
        file.bytes.replaceSubrange(changed, with: bytes)
        file.bytes.withUnsafeBytes {
            sums[chunk] &+= SpillSeal.shares(UnsafeRawBufferPointer(rebasing: $0[words]), first: first)
        }
        return result
    }

    mutating func append(_ element: Element) {
        let chunk = count >> Self.chunkShift
        count += 1
        guard ChunkedArray.append(element, to: &chunks, count: count - 1) else { return }
        offsets.append(-1)
        sums.append(0)
        if chunk > kept { spill(chunk - kept - 1) }
    }

    /// A full chunk to the file, out of memory.
    private mutating func spill(_ chunk: Int) {
        guard Self.spillable, !cannotSpill, offsets[chunk] < 0 else { return }
        if file == nil { file = Disk(directory: directory) }
        if !isKnownUniquelyReferenced(&file) { copyFile() }
        let bytes = chunks[chunk].withUnsafeBytes { Array($0) }
        guard let place = file?.spool.write(bytes) else {
            cannotSpill = true
            return
        }
        offsets[chunk] = place.offset
        sums[chunk] = bytes.withUnsafeBytes { SpillSeal.shares($0) }
        chunks[chunk] = []
    }

    /// The entry at `within` of a chunk on disk, the chunk read whole.
    private func read(chunk: Int, at within: Int) -> Element {
        guard let file else { fatalError("forkexplain report: its list of processes has no spill file") }
        if file.chunk != chunk {
            let place = EventSpool.Place(
                offset: offsets[chunk], count: Int32(Self.chunkSize * MemoryLayout<Element>.stride))
            let bytes = readChecked(place, sum: sums[chunk], from: file.spool)
            file.chunk = chunk
            file.bytes = bytes
        }
        return file.bytes.withUnsafeBytes {
            $0.load(fromByteOffset: within * MemoryLayout<Element>.stride, as: Element.self)
        }
    }

    /// The chunks on disk in a file of this list's own.
    private mutating func copyFile() {
        guard let shared = file else { return }
        let copy = Disk(directory: directory)
        let size = Self.chunkSize * MemoryLayout<Element>.stride
        for chunk in offsets.indices where offsets[chunk] >= 0 {
            let bytes = readChecked(
                EventSpool.Place(offset: offsets[chunk], count: Int32(size)), sum: sums[chunk], from: shared.spool)
            guard let place = copy.spool.write(bytes) else {
                copy.spool.failureNow(.write(SpillFailure.lastError())).stop()
            }
            offsets[chunk] = place.offset
        }
        file = copy
    }

    /// A chunk's bytes, read and checked against its sum.
    private func readChecked(_ place: EventSpool.Place, sum: UInt64, from spool: EventSpool) -> [UInt8] {
        guard let bytes = spool.read(place) else { spool.failureNow(.read(SpillFailure.lastError())).stop() }
        guard bytes.withUnsafeBytes({ SpillSeal.shares($0) }) == sum else { spool.failureNow(.changed).stop() }
        return bytes
    }
}
