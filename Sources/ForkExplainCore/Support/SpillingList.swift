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
/// undone: the report stops with the reason.
struct SpillingList<Element: Sendable>: Sendable {
    private var chunks: [[Element]] = []
    /// Each chunk's place in the file, -1 while it is in memory.
    private var offsets: [Int] = []
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

        init(directory: String?) { spool = EventSpool(directory: directory) }
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
        guard let file, file.spool.overwrite(bytes, at: offsets[chunk] + within * stride) == true else {
            SpillFailure.stop(
                "write its list of processes", directory: spillDirectory, reason: SpillFailure.lastError())
        }
        if file.chunk == chunk { file.bytes.replaceSubrange((within * stride)..<((within + 1) * stride), with: bytes) }
        return result
    }

    mutating func append(_ element: Element) {
        let chunk = count >> Self.chunkShift
        count += 1
        guard ChunkedArray.append(element, to: &chunks, count: count - 1) else { return }
        offsets.append(-1)
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
        chunks[chunk] = []
    }

    private var spillDirectory: String { file?.spool.directory ?? directory ?? "$TMPDIR" }

    /// The entry at `within` of a chunk on disk, the chunk read whole.
    private func read(chunk: Int, at within: Int) -> Element {
        guard let file else { fatalError("forkexplain report: its list of processes has no spill file") }
        if file.chunk != chunk {
            let place = EventSpool.Place(
                offset: offsets[chunk], count: Int32(Self.chunkSize * MemoryLayout<Element>.stride))
            guard let bytes = file.spool.read(place) else {
                SpillFailure.stop(
                    "read back its list of processes", directory: file.spool.directory,
                    reason: file.spool.failure.map { "\($0)" } ?? SpillFailure.lastError())
            }
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
            guard let bytes = shared.spool.read(EventSpool.Place(offset: offsets[chunk], count: Int32(size))),
                let place = copy.spool.write(bytes)
            else {
                SpillFailure.stop(
                    "copy its list of processes", directory: copy.spool.directory, reason: SpillFailure.lastError())
            }
            offsets[chunk] = place.offset
        }
        file = copy
    }
}
