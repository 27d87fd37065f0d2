/// Entries handed on in the order of a key (their place in the log)
/// that came in another: sorted in runs of `runLength`, each run but the
/// last written to a temporary file (an `EventSpool`) in blocks of `block`
/// entries, and merged back one block of each run at a time. What a JSON
/// report still holds of each of 100,000 processes at the end of its log
/// (`EventBuilder.finish`) was a list of them all, 32 bytes each and
/// twice that while it grew: the 4.3 MB its peak in use had more than
/// text's (docs/performance.md, "The report's last megabytes: JSON's
/// processes at the end"). Here it is one run in memory and a block of
/// each run on disk.
///
/// Entries that are not plain bytes, or a file that cannot take a run,
/// stay in memory (as before); a block that cannot be read back, or is not
/// what was written (`EventSpool.readSealed`), stops the report with the
/// reason (`SpillFailure`).
struct SortedRuns<Element, Key: Comparable> {
    private struct Run {
        /// Its blocks on disk, the next one to read first; empty when the
        /// run is in memory.
        var blocks: [EventSpool.Place]
        var nextBlock = 0
        /// Its entries in memory: a block read, or the whole run.
        var entries: [Element]
        var at = 0
    }

    private let key: (Element) -> Key
    let runLength: Int
    let block: Int
    private var filling: [Element] = []
    private var runs: [Run] = []
    /// The runs' places by their next entry's key, least first (a heap).
    private var heads: [(key: Key, run: Int)] = []
    private var spool: EventSpool?
    private var cannotSpill = false
    private let directory: String?
    private var merging = false

    private static var spillable: Bool { _isPOD(Element.self) }
    private static var stride: Int { MemoryLayout<Element>.stride }

    init(
        runLength: Int = SpillRuns.memoryBound, block: Int = 64, directory: String? = nil,
        key: @escaping (Element) -> Key
    ) {
        self.runLength = max(1, runLength)
        self.block = max(1, block)
        self.directory = directory
        self.key = key
    }

    /// Runs written to the file (for tests).
    var runsOnDisk: Int { runs.filter { !$0.blocks.isEmpty }.count }

    mutating func add(_ element: Element) {
        precondition(!merging, "SortedRuns: an entry added while merging")
        filling.append(element)
        if filling.count >= runLength { close(last: false) }
    }

    /// The entry of least key not yet taken, nil when none is left.
    mutating func peek() -> Element? {
        start()
        guard let head = heads.first else { return nil }
        let run = runs[head.run]
        return run.entries[run.at]
    }

    /// The same, taken.
    mutating func next() -> Element? {
        start()
        guard let head = heads.first else { return nil }
        let element = runs[head.run].entries[runs[head.run].at]
        runs[head.run].at += 1
        if runs[head.run].at == runs[head.run].entries.count { refill(head.run) }
        if runs[head.run].at < runs[head.run].entries.count {
            heads[0].key = key(runs[head.run].entries[runs[head.run].at])
        } else {
            heads[0] = heads[heads.count - 1]
            heads.removeLast()
        }
        siftDown()
        return element
    }

    /// The run being filled closed, in memory, and the heap made.
    private mutating func start() {
        guard !merging else { return }
        merging = true
        if !filling.isEmpty { close(last: true) }
        for run in runs.indices {
            if runs[run].entries.isEmpty { refill(run) }
            if let first = runs[run].entries.first { heads.append((key(first), run)) }
        }
        heads.sort { $0.key < $1.key }
    }

    /// The run being filled sorted; to the file unless it is the last.
    private mutating func close(last: Bool) {
        var sorted = filling
        filling = []
        sorted.sort { key($0) < key($1) }
        guard !last, Self.spillable, !cannotSpill, let blocks = write(sorted) else {
            runs.append(Run(blocks: [], entries: sorted))
            return
        }
        runs.append(Run(blocks: blocks, entries: []))
    }

    /// `sorted`'s blocks written, each sealed, or nil (the file refused).
    private mutating func write(_ sorted: [Element]) -> [EventSpool.Place]? {
        if spool == nil { spool = EventSpool(directory: directory, holding: "its list of processes") }
        guard let spool else { return nil }
        var places: [EventSpool.Place] = []
        var start = 0
        while start < sorted.count {
            let end = min(start + block, sorted.count)
            var sealed = [UInt8](repeating: 0, count: EventSpool.sealSize)
            sorted[start..<end].withUnsafeBytes { sealed.append(contentsOf: $0) }
            guard let place = spool.writeSealed(&sealed) else {
                cannotSpill = true
                return nil
            }
            places.append(place)
            start = end
        }
        return places
    }

    /// The run's next block read into memory (none: its entries emptied).
    private mutating func refill(_ run: Int) {
        guard runs[run].nextBlock < runs[run].blocks.count, let spool else {
            runs[run].entries = []
            runs[run].at = 0
            return
        }
        let place = runs[run].blocks[runs[run].nextBlock]
        runs[run].nextBlock += 1
        guard let sealed = spool.readSealed(place) else { spool.failureNow(.changed).stop() }
        let count = (sealed.count - EventSpool.sealSize) / Self.stride
        // Copied whole, not loaded one by one: past the seal they lie unaligned.
        let entries = [Element](unsafeUninitializedCapacity: count) { buffer, made in
            sealed.withUnsafeBytes { raw in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(
                    from: UnsafeRawBufferPointer(
                        rebasing: raw[EventSpool.sealSize..<(EventSpool.sealSize + count * Self.stride)]))
            }
            made = count
        }
        runs[run].entries = entries
        runs[run].at = 0
    }

    /// The heap's first place moved down to where its key belongs.
    private mutating func siftDown() {
        var parent = 0
        while true {
            let left = 2 * parent + 1
            guard left < heads.count else { return }
            var least = left
            if left + 1 < heads.count, heads[left + 1].key < heads[left].key { least = left + 1 }
            guard heads[least].key < heads[parent].key else { return }
            heads.swapAt(parent, least)
            parent = least
        }
    }
}
