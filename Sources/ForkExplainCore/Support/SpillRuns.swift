#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The entries a `CompactTable` let go of from memory past its bound, in a
/// temporary file (an `EventSpool`, unlinked when made): what a report keeps
/// of every process to the end of its log (a later tally or watch record
/// can name any) no longer grows its memory with the processes
/// (docs/performance.md, "Held events: the tables of each process on disk").
///
/// Runs of fixed-size records, each run sorted by its keys' hashes. In
/// memory, for each run: the first hash of each block of `block` records
/// (one read of a block finds a key) and a filter (`RunFilter`, 12 bits a
/// record), so that a key on no
/// run, the usual case (a new process), costs a few memory reads a run
/// and no read of the file. The last four runs, the first of them at most
/// twice as large as the last, are merged into one (their live records in
/// order, the let-go ones dropped), so a table has some 3 runs for each
/// power of four of (entries / bound).
///
/// Compacted: the runs a merge read, and the records let go of, stay in
/// the file as dead bytes, more with each merge. Before the dead bytes
/// would exceed the live ones (and past `compactFrom` records), the live
/// runs, each in its order, go to a fresh file that takes the old one's
/// place, so the file stays at most twice its standing records (see
/// `compactIfMostlyDead`; docs/performance.md, "Held events: the spill
/// file compacted").
///
/// A record: its key's hash; its mark, 1 while it stands (0 once let go
/// of) in the low bit and in the high 32 a check of the hash and the rest
/// (`SpillSeal`), verified at each read of the record, so that a file
/// changed from outside (truncated and written past, or overwritten) is
/// seen rather than read as records let go of; then the bytes
/// `CompactTable` makes of its key and value. A read or write that fails
/// once the table is on disk, or a record that fails its check, cannot be
/// undone: the report stops with the file and the reason (a wrong count
/// would be written otherwise; `SpillFailure`). One thread uses it, as it
/// does its table.
final class SpillRuns: @unchecked Sendable {
    private struct Run {
        var offset: Int
        var count: Int
        var live: Int
        /// The hash of the first record of each block.
        var fences: [UInt64]
        /// `RunFilter.released` while the run is a merge's input (a merge
        /// looks no key up): see `mergeTail`.
        var filter: RunFilter
    }

    /// A record found: where it is, and its bytes.
    struct Found {
        fileprivate var run: Int
        fileprivate var index: Int
        var record: [UInt8]
    }

    /// The entries a table of processes keeps in memory before the rest go
    /// to its file: some 0.05 MB of a table of 48-byte entries (4,096 made
    /// a report's four tables 0.3 MB more at its peak on a log of many
    /// processes: docs/performance.md, "The report's last megabytes: the
    /// tables' own room"). 1,024 rather than 2,048: with the room each
    /// spill leaves given back (`HeapRoom`), half the entries are half the
    /// room touched between spills (docs/performance.md, "The report's last
    /// megabytes: the heaps' room given back near the peak").
    static let memoryBound = 1_024
    /// Records a fence stands for: one read of a block finds a key.
    static let block = 64
    /// Records read or written at once when runs are merged or walked: a
    /// merge holds one such piece of each of its four runs and one it
    /// writes. 1,024 records of 80 bytes made that 0.4 MB at the peak of a
    /// report of many processes; 256 cost a pread or pwrite more for some
    /// 30 records merged (docs/performance.md, "The report's last
    /// megabytes: the tables' own room").
    private static let stride = 256
    let recordSize: Int
    /// The file; a fresh one takes its place when it is compacted.
    private var spool: EventSpool
    private var runs: [Run] = []
    /// Records standing on disk.
    private(set) var live = 0
    var runCount: Int { runs.count }
    /// The runs' filters' bytes in memory (for tests).
    var filterBytes: Int { runs.reduce(0) { $0 + $1.filter.bytes } }
    /// Records' worth of file never compacted: as many as the table holds
    /// in memory, so that dead bytes cost at most what memory already
    /// does, and a small file is not rewritten at each entry let go of.
    let compactFrom: Int
    /// A fresh file could not be made or take the runs: the file stays.
    private var cannotCompact = false
    /// The file's size in bytes, and the times it was compacted (for tests).
    var fileBytes: Int { spool.size }
    private(set) var compactions = 0

    init(recordSize: Int, directory: String? = nil, compactFrom: Int = SpillRuns.memoryBound) {
        self.recordSize = recordSize
        self.compactFrom = max(1, compactFrom)
        spool = EventSpool(directory: directory, holding: Self.what)
    }

    private static let what = "its table of processes"

    static func hash(of record: UnsafeRawBufferPointer) -> UInt64 { record.load(as: UInt64.self) }

    /// Adds `count` records (in any order) as a run: false, and nothing
    /// added, when the file cannot take them. Merges none: the caller lets
    /// go of the entries it spilled, then calls `settle` (a merge's room
    /// and the table's entries were at once the peak of a report).
    /// `hashes`: each entry's, by its place; `record` writes the entry at
    /// a place (its key and value, after the hash and mark) into a record's
    /// bytes. Made and written a piece at a time: the whole run made in
    /// memory first, then sorted into a copy, was 1.5 MB at each spill of
    /// a table at its bound, at the peak of a report.
    func add(hashes: [UInt64], record: (Int, UnsafeMutableRawBufferPointer) -> Void) -> Bool {
        let size = recordSize
        let order = hashes.indices.sorted { hashes[$0] < hashes[$1] }
        var writer = Writer(spool: spool, recordSize: size, expected: hashes.count)
        var piece = [UInt8](repeating: 0, count: Self.stride * size)
        var first = 0
        while first < order.count {
            let count = min(Self.stride, order.count - first)
            piece.withUnsafeMutableBytes { raw in
                for index in 0..<count {
                    let place = order[first + index]
                    let start = index * size
                    let bytes = UnsafeMutableRawBufferPointer(rebasing: raw[start..<(start + size)])
                    bytes.storeBytes(of: hashes[place], as: UInt64.self)
                    record(place, bytes)
                    let seal = Self.seal(UnsafeRawBufferPointer(bytes))
                    bytes.storeBytes(of: UInt64(seal) << 32 | 1, toByteOffset: 8, as: UInt64.self)
                }
            }
            let written = piece.withUnsafeBytes {
                writer.append(UnsafeRawBufferPointer(rebasing: $0[0..<(count * size)]), count: count)
            }
            guard written else { return false }
            first += count
        }
        guard let run = writer.finish() else { return false }
        runs.append(run)
        live += run.live
        return true
    }

    /// Merges the last runs when they are due (after each `add`): four of
    /// a size into one, so that a table has some 3 runs for each power of
    /// four of (entries / bound).
    func settle() { mergeTail() }

    /// The standing record of the key with `hash` that `matching` says is
    /// its, if one is on disk.
    func find(hash: UInt64, matching: (UnsafeRawBufferPointer) -> Bool) -> Found? {
        for place in runs.indices.reversed() {
            let run = runs[place]
            guard run.live > 0, run.filter.mayHold(hash) else { continue }
            var low = 0
            var high = run.fences.count
            while low < high {
                let middle = (low + high) / 2
                if run.fences[middle] < hash { low = middle + 1 } else { high = middle }
            }
            // A hash equal to a fence may have begun in the block before.
            var block = max(0, low - 1)
            while block < run.fences.count, block == max(0, low - 1) || run.fences[block] <= hash {
                let first = block * Self.block
                let records = read(run, from: first, count: min(Self.block, run.count - first))
                let found = records.withUnsafeBytes { raw -> (Int, Bool)? in
                    for index in 0..<(raw.count / recordSize) {
                        let record = UnsafeRawBufferPointer(
                            rebasing: raw[(index * recordSize)..<((index + 1) * recordSize)])
                        let recordHash = Self.hash(of: record)
                        let standing = self.standing(record)
                        if recordHash > hash { return (index, false) }
                        if recordHash == hash, standing, matching(record) {
                            return (index, true)
                        }
                    }
                    return nil
                }
                if let (index, isMatch) = found {
                    guard isMatch else { break }
                    let start = index * recordSize
                    return Found(run: place, index: first + index, record: Array(records[start..<(start + recordSize)]))
                }
                block += 1
            }
        }
        return nil
    }

    /// Lets go of a record `find` gave.
    func remove(_ found: Found) {
        let offset = runs[found.run].offset + found.index * recordSize + 8
        let mark = found.record.withUnsafeBytes { $0.load(fromByteOffset: 8, as: UInt64.self) } & ~1
        guard spool.overwrite(withUnsafeBytes(of: mark) { Array($0) }, at: offset) else {
            spool.failureNow(.write(lastError())).stop()
        }
        runs[found.run].live -= 1
        live -= 1
        if runs[found.run].live == 0 { runs.remove(at: found.run) }
        compactIfMostlyDead()
    }

    /// Each standing record, run by run.
    func forEach(_ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        for run in runs {
            var first = 0
            while first < run.count {
                let records = read(run, from: first, count: min(Self.stride, run.count - first))
                try records.withUnsafeBytes { raw in
                    for index in 0..<(raw.count / recordSize) {
                        let record = UnsafeRawBufferPointer(
                            rebasing: raw[(index * recordSize)..<((index + 1) * recordSize)])
                        if standing(record) { try body(record) }
                    }
                }
                first += Self.stride
            }
        }
    }

    /// The same records in a file of their own: a copy of a table is a
    /// table of its own (`CompactTable` is a value).
    func copy() -> SpillRuns {
        let copy = SpillRuns(recordSize: recordSize, directory: spool.directory, compactFrom: compactFrom)
        guard let made = rewritten(into: copy.spool) else {
            copy.spool.failureNow(.write(lastError())).stop()
        }
        copy.runs = made
        copy.live = live
        return copy
    }

    /// When the file's dead bytes would exceed its live ones, past
    /// `compactFrom` records: the live runs to a fresh file (unlinked when
    /// made, as the old one, whose space goes when it is closed here), the
    /// last `mergingLast` of them merged there into one (a merge due, whose
    /// inputs would be dead at once, is done by the compaction, not in the
    /// old file first); the order of runs and of records kept, so every
    /// lookup and walk finds what it did. `adding`: the records the caller
    /// is about to write (a merge's).
    ///
    /// So the dead bytes never exceed the live ones: the file is at most
    /// twice its standing records at every write (the fresh file, their
    /// size, beside it while compacting; a new run adds as many live bytes
    /// as it writes). A compaction writes the live bytes, fewer than the
    /// dead ones made since the last (each written by a run or a merge, or
    /// let go of by a `remove`), so it at most doubles what is written.
    ///
    /// Copies of a table: `CompactTable` shares one `SpillRuns` between
    /// copies and calls `add` and `remove` only on one it alone holds
    /// (`copy()` first otherwise), and no two `SpillRuns` share a file, so
    /// the file swapped here is never one another table reads.
    ///
    /// A fresh file that cannot be made or take the runs (a full
    /// $TMPDIR) is dropped and the old one stays, whole, as before there
    /// was compaction; it is not tried again. A read of the old file that
    /// fails stops the report, as any. True when compacted.
    @discardableResult
    private func compactIfMostlyDead(adding: Int = 0, mergingLast merged: Int = 1) -> Bool {
        let records = spool.size / recordSize + adding
        guard !cannotCompact, records - live > live, records > compactFrom else { return false }
        let fresh = EventSpool(directory: spool.directory, holding: Self.what, noticed: false)
        guard let made = rewritten(into: fresh, mergingLast: merged) else {
            cannotCompact = true
            return false
        }
        spool = fresh
        runs = made
        compactions += 1
        return true
    }

    /// Each run's standing records as a run of `target`, in order, the
    /// last `merged` of them merged into one. A run written alone keeps its
    /// filter while it is at most twice the size its standing records need:
    /// they are some of those the filter was made of, so it says "absent"
    /// for none of them (the let-go ones cost a false positive's read). A
    /// new filter beside the old for each run was a table's filters twice
    /// over at a compaction, the peak of a report of many processes
    /// (docs/performance.md, "The report's last megabytes: the
    /// compaction's filters").
    private func rewritten(into target: EventSpool, mergingLast merged: Int = 1) -> [Run]? {
        let singles = max(0, runs.count - merged)
        var made: [Run] = []
        for run in runs.prefix(singles) {
            guard let one = merge([run], into: target, keeping: kept(run)) else { return nil }
            made.append(one)
        }
        if singles < runs.count {
            let last = runs[singles...]
            guard let one = merge(Array(last), into: target, keeping: last.count == 1 ? last.first.flatMap(kept) : nil)
            else { return nil }
            made.append(one)
        }
        return made
    }

    /// The run's filter, to keep when it is written alone: not one let go
    /// of (a merge's input), nor one past twice what its standing records
    /// need (most of them let go of).
    private func kept(_ run: Run) -> RunFilter? {
        let bytes = run.filter.bytes
        return bytes > 0 && bytes <= 2 * RunFilter(expected: run.live).bytes ? run.filter : nil
    }

    /// Runs merged at once: four of a size, not two, so that a record is
    /// written again some log4 rather than log2 of (entries / bound) times
    /// (the kernel's share of a report of 100,000 processes was 8 % with
    /// pairs, 5 % without the file).
    static let fanIn = 4

    private func mergeTail() {
        let fanIn = Self.fanIn
        while runs.count >= fanIn, runs[runs.count - fanIn].live <= 2 * runs[runs.count - 1].live {
            let merging = runs.suffix(fanIn).reduce(0) { $0 + $1.live }
            // A merge looks no key up: its inputs' filters go before its
            // own is made, not both at once (the inputs' were some 12 bits
            // a record merged more at a merge, the peak of a report of
            // many processes: docs/performance.md, "The report's last
            // megabytes: the runs' filters"), whether it is made in a
            // compaction's fresh file or in this one.
            for place in (runs.count - fanIn)..<runs.count { runs[place].filter = .released }
            if compactIfMostlyDead(adding: merging, mergingLast: fanIn) { continue }
            guard let merged = merge(Array(runs.suffix(fanIn)), into: spool) else {
                // Not merged (the file full): the runs stand as they are,
                // their filters made again from their records.
                for place in (runs.count - fanIn)..<runs.count { runs[place].filter = refiltered(runs[place]) }
                return
            }
            runs.removeLast(fanIn)
            runs.append(merged)
        }
    }

    /// A run's filter made again from its records' hashes.
    private func refiltered(_ run: Run) -> RunFilter {
        var filter = RunFilter(expected: run.count)
        var first = 0
        while first < run.count {
            let records = read(run, from: first, count: min(Self.stride, run.count - first))
            records.withUnsafeBytes { raw in
                for index in 0..<(raw.count / recordSize) {
                    filter.insert(raw.loadUnaligned(fromByteOffset: index * recordSize, as: UInt64.self))
                }
            }
            first += Self.stride
        }
        return filter
    }

    /// The standing records of `inputs`, each sorted, as one sorted run;
    /// its filter `kept` (one that holds each of their hashes) or a new one.
    private func merge(_ inputs: [Run], into target: EventSpool, keeping kept: RunFilter? = nil) -> Run? {
        var writer = Writer(
            spool: target, recordSize: recordSize, expected: inputs.reduce(0) { $0 + $1.live }, keeping: kept)
        var cursors = inputs.map { Cursor(run: $0) }
        while true {
            var best: (cursor: Int, hash: UInt64)?
            for index in cursors.indices {
                guard let hash = head(&cursors[index]) else { continue }
                if best.map({ hash < $0.hash }) ?? true { best = (index, hash) }
            }
            guard let best else { break }
            let cursor = cursors[best.cursor]
            let start = cursor.at * recordSize
            let written = cursor.buffer.withUnsafeBytes {
                writer.append(UnsafeRawBufferPointer(rebasing: $0[start..<(start + recordSize)]), count: 1)
            }
            guard written else { return nil }
            cursors[best.cursor].at += 1
        }
        return writer.finish()
    }

    private struct Cursor {
        var run: Run
        /// The next record of the run not yet in `buffer`.
        var next = 0
        var buffer: [UInt8] = []
        var at = 0
    }

    /// The hash of the cursor's next standing record, nil at the run's end.
    private func head(_ cursor: inout Cursor) -> UInt64? {
        while true {
            if cursor.at * recordSize >= cursor.buffer.count {
                guard cursor.next < cursor.run.count else { return nil }
                let count = min(Self.stride, cursor.run.count - cursor.next)
                cursor.buffer = read(cursor.run, from: cursor.next, count: count)
                cursor.next += count
                cursor.at = 0
            }
            let (hash, standing) = cursor.buffer.withUnsafeBytes { raw in
                let start = cursor.at * recordSize
                let record = UnsafeRawBufferPointer(rebasing: raw[start..<(start + recordSize)])
                return (Self.hash(of: record), self.standing(record))
            }
            if standing { return hash }
            cursor.at += 1
        }
    }

    private func read(_ run: Run, from first: Int, count: Int) -> [UInt8] {
        let place = EventSpool.Place(
            offset: run.offset + first * recordSize, count: Int32(truncatingIfNeeded: count * recordSize))
        guard let bytes = spool.read(place) else { spool.failureNow(.read(lastError())).stop() }
        return bytes
    }

    /// A record's check: of its hash and what follows its mark.
    static func seal(_ record: UnsafeRawBufferPointer) -> UInt32 {
        SpillSeal.check(UnsafeRawBufferPointer(rebasing: record[16...]), salt: hash(of: record))
    }

    /// Whether a record read back stands; one that fails its check (the
    /// file changed from outside) stops the report.
    private func standing(_ record: UnsafeRawBufferPointer) -> Bool {
        let mark = record.load(fromByteOffset: 8, as: UInt64.self)
        guard mark & 0xFFFF_FFFE == 0, UInt32(truncatingIfNeeded: mark >> 32) == Self.seal(record) else {
            spool.failureNow(.changed).stop()
        }
        return mark & 1 == 1
    }

    private func lastError() -> String { SpillFailure.lastError() }

    /// Writes a run's records, in order, as they come.
    private struct Writer {
        let spool: EventSpool
        let recordSize: Int
        var offset = -1
        var count = 0
        var fences: [UInt64] = []
        var filter: RunFilter
        /// False when `filter` was given, holding the records already.
        let filtering: Bool
        var pending: [UInt8] = []

        init(spool: EventSpool, recordSize: Int, expected: Int, keeping kept: RunFilter? = nil) {
            self.spool = spool
            self.recordSize = recordSize
            filter = kept ?? RunFilter(expected: expected)
            filtering = kept == nil
        }

        mutating func append(_ raw: UnsafeRawBufferPointer, count added: Int) -> Bool {
            for index in 0..<added {
                let hash = raw.loadUnaligned(fromByteOffset: index * recordSize, as: UInt64.self)
                if (count + index) % SpillRuns.block == 0 { fences.append(hash) }
                if filtering { filter.insert(hash) }
            }
            count += added
            pending.append(contentsOf: raw)
            return pending.count < SpillRuns.stride * recordSize || flush()
        }

        private mutating func flush() -> Bool {
            guard !pending.isEmpty else { return true }
            guard let place = spool.write(pending) else { return false }
            if offset < 0 { offset = place.offset }
            pending.removeAll(keepingCapacity: true)
            return true
        }

        mutating func finish() -> Run? {
            guard flush() else { return nil }
            return Run(offset: max(0, offset), count: count, live: count, fences: fences, filter: filter)
        }
    }
}
