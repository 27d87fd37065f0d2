/// A table of a small entry for each process, for what a report keeps of
/// every process to the end of its log (`EventBuilder`'s counted events,
/// `IncidentGrouper`'s attempts, `SourceMerger`'s latest traces, an
/// incident's processes past the first three).
///
/// Not a `Dictionary`: a dictionary keeps at most 3/4 of its buckets full
/// and doubles, each bucket as large as an entry, so 100,000 entries took
/// 262,144 buckets, each byte of an entry 2.6 bytes of a table. Here the
/// keys and the values are two dense lists (`ChunkedArray`: at most one
/// chunk of room empty, none copied as they grow), found through an index
/// of 4-byte places kept at most 4/5 full: 5–10 bytes of the index an entry (docs/performance.md, "Held events:
/// the tables of each process compact").
///
/// A removed entry's place is taken by the last one (the order of entries
/// is not kept: nothing reads a table in order).
///
/// With `spillFrom`, the entries in memory past that many go to a file
/// (`SpillRuns`) when key and value are plain bytes (no reference), and
/// are found there when not in memory: a table of every process of a log
/// then takes some `spillFrom` entries of memory and a few bits of each
/// entry on disk (docs/performance.md, "Held events: the tables of each
/// process on disk"). An entry changed is brought back to memory.
struct CompactTable<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private var keys = ChunkedArray<Key>()
    private var values = ChunkedArray<Value>()
    /// Open addressing, linear probing: an entry's place in `keys` plus
    /// one, 0 for an empty bucket. Its size is a power of two, at most
    /// 4/5 full: a lookup probes some 3 buckets for a key it finds and
    /// up to some 13 for one it does not when that full, 4 bytes a bucket
    /// (at most half full it was 8–16 bytes an entry, here 5–10).
    private var index: [Int32] = []
    /// Entries held in memory before they go to `disk` (`.max`: never).
    let spillFrom: Int
    private var disk: SpillRuns?
    /// The file could not take a run: the rest stays in memory.
    private var cannotSpill = false
    /// Where the file is made ($TMPDIR or /tmp when nil).
    private let directory: String?

    init(spillFrom: Int = .max, directory: String? = nil) {
        self.spillFrom = max(1, spillFrom)
        self.directory = directory
    }

    var count: Int { keys.count + (disk?.live ?? 0) }
    var isEmpty: Bool { count == 0 }
    /// Entries on disk, and the runs they are in (for tests).
    var spilled: Int { disk?.live ?? 0 }
    var spilledRuns: Int { disk?.runCount ?? 0 }
    /// The file's bytes, and its record's, and the times it was compacted
    /// (for tests).
    var spillFileBytes: Int { disk?.fileBytes ?? 0 }
    var spillRecordSize: Int { Self.recordSize }
    var spillCompactions: Int { disk?.compactions ?? 0 }

    subscript(key: Key) -> Value? {
        get {
            if case let (_, found?) = bucket(of: key) { return values[found] }
            return onDisk(key).map { Self.value(of: $0.record) }
        }
        set {
            if let newValue {
                insert(newValue, for: key)
            } else {
                removeValue(forKey: key)
            }
        }
    }

    /// Entries made room for: what the table takes, not what it holds.
    var room: Int { keys.capacity }

    /// Every entry, in no order.
    var entries: [(key: Key, value: Value)] {
        var all: [(key: Key, value: Value)] = []
        // Made room for once: grown by doubling, a list of 100,000 pids
        // took twice its room and a copy (`FirstSeen.values`).
        all.reserveCapacity(count)
        forEach { all.append(($0, $1)) }
        return all
    }

    /// Each entry, in no order: those in memory, then those on disk.
    func forEach(_ body: (Key, Value) throws -> Void) rethrows {
        for place in keys.indices { try body(keys[place], values[place]) }
        try disk?.forEach { try body(Self.key(of: $0), Self.value(of: $0)) }
    }

    /// Changes the entry of `key` in place, if there is one: through the
    /// subscript it is copied out and back, a retain and a release of
    /// everything it holds.
    @discardableResult
    mutating func modify(_ key: Key, _ change: (inout Value) -> Void) -> Bool {
        if case let (_, place?) = bucket(of: key) {
            values.modify(at: place) { change(&$0) }
            return true
        }
        // On disk: back to memory, changed there.
        guard var value = takeFromDisk(key) else { return false }
        change(&value)
        insert(value, for: key)
        return true
    }

    /// The keys of the entries `matching` says yes to.
    func keys(where matching: (Key, Value) -> Bool) -> [Key] {
        var found: [Key] = []
        forEach { key, value in if matching(key, value) { found.append(key) } }
        return found
    }

    /// Lets go of every entry and of the room they took.
    mutating func removeAll() {
        keys = ChunkedArray()
        values = ChunkedArray()
        index = []
        disk = nil
    }

    @discardableResult
    mutating func removeValue(forKey key: Key) -> Value? {
        guard case let (found, place?) = bucket(of: key) else { return takeFromDisk(key) }
        let removed = values[place]
        emptyBucket(found)
        let last = keys.count - 1
        if place != last {
            // The last entry takes the removed one's place in the arrays.
            index[bucket(holding: last)] = Int32(truncatingIfNeeded: place + 1)
            keys[place] = keys[last]
            values[place] = values[last]
        }
        keys.removeLast()
        values.removeLast()
        return removed
    }

    /// The value of `key`, or nil when there was none and `value` went in:
    /// one search where a lookup and then an insert take two.
    mutating func insertIfAbsent(_ value: Value, for key: Key) -> Value? {
        let (free, place) = bucket(of: key)
        if let place { return values[place] }
        if let found = onDisk(key) { return Self.value(of: found.record) }
        append(value, for: key, at: free)
        return nil
    }

    /// Adds an entry for a key the caller knows is in the table neither in
    /// memory nor on disk (it just looked, or let go of it): a search of
    /// the file (`SpillRuns`) the less. Changes the entry if it is in memory.
    mutating func insertNew(_ value: Value, for key: Key) {
        let (free, place) = bucket(of: key)
        if let place {
            values[place] = value
            return
        }
        append(value, for: key, at: free)
    }

    private mutating func insert(_ value: Value, for key: Key) {
        let (free, place) = bucket(of: key)
        if let place {
            values[place] = value
            return
        }
        _ = takeFromDisk(key)
        append(value, for: key, at: free)
    }

    /// Adds an entry for a key not in the table, whose search ended at `free`.
    private mutating func append(_ value: Value, for key: Key, at free: Int) {
        var free = free
        if (keys.count + 1) * 5 > index.count * 4 {
            rebuildIndex(size: max(16, index.count * 2))
            free = bucket(of: key).bucket
        }
        index[free] = Int32(truncatingIfNeeded: keys.count + 1)
        keys.append(key)
        values.append(value)
        if keys.count > spillFrom { spill() }
    }

    private func home(of key: Key) -> Int { key.hashValue & (index.count - 1) }

    /// The bucket holding `key` and its entry's place, or the empty bucket
    /// it would go in (-1 when there is no index yet) and nil.
    private func bucket(of key: Key) -> (bucket: Int, place: Int?) {
        guard !index.isEmpty else { return (-1, nil) }
        let mask = index.count - 1
        var bucket = home(of: key)
        while true {
            let held = Int(index[bucket])
            if held == 0 { return (bucket, nil) }
            if keys[held - 1] == key { return (bucket, held - 1) }
            bucket = (bucket + 1) & mask
        }
    }

    /// The bucket of the entry at `place`, which is in the table.
    private func bucket(holding place: Int) -> Int {
        let mask = index.count - 1
        var bucket = home(of: keys[place])
        while Int(index[bucket]) != place + 1 { bucket = (bucket + 1) & mask }
        return bucket
    }

    /// Empties a bucket, moving back the entries after it that could not
    /// be found past the hole it leaves (linear probing stops at a hole).
    private mutating func emptyBucket(_ bucket: Int) {
        let mask = index.count - 1
        var hole = bucket
        var next = bucket
        while true {
            next = (next + 1) & mask
            let held = Int(index[next])
            if held == 0 { break }
            let home = home(of: keys[held - 1])
            // Stays only if its home is in (hole, next], cyclically.
            let stays = hole <= next ? (hole < home && home <= next) : (hole < home || home <= next)
            if !stays {
                index[hole] = index[next]
                hole = next
            }
        }
        index[hole] = 0
    }

    private mutating func rebuildIndex(size: Int) {
        index = [Int32](repeating: 0, count: size)
        let mask = size - 1
        for place in keys.indices {
            var bucket = home(of: keys[place])
            while index[bucket] != 0 { bucket = (bucket + 1) & mask }
            index[bucket] = Int32(truncatingIfNeeded: place + 1)
        }
    }
}

// The file: each entry a `SpillRuns` record.
extension CompactTable {
    /// Key and value plain bytes, which a file can hold and give back.
    private static var spillable: Bool {
        _isPOD(Key.self) && _isPOD(Value.self) && MemoryLayout<Key>.alignment <= 8
            && MemoryLayout<Value>.alignment <= 8
    }
    private static var keyOffset: Int { 16 }
    private static var valueOffset: Int { keyOffset + (MemoryLayout<Key>.size + 7) / 8 * 8 }
    private static var recordSize: Int { valueOffset + (MemoryLayout<Value>.size + 7) / 8 * 8 }

    private static func hash(_ key: Key) -> UInt64 { UInt64(bitPattern: Int64(key.hashValue)) }

    fileprivate static func key(of record: UnsafeRawBufferPointer) -> Key {
        record.load(fromByteOffset: keyOffset, as: Key.self)
    }

    fileprivate static func value(of record: [UInt8]) -> Value {
        record.withUnsafeBytes { value(of: $0) }
    }

    fileprivate static func value(of record: UnsafeRawBufferPointer) -> Value {
        record.load(fromByteOffset: valueOffset, as: Value.self)
    }

    fileprivate func onDisk(_ key: Key) -> SpillRuns.Found? {
        disk?.find(hash: Self.hash(key)) { Self.key(of: $0) == key }
    }

    /// The value of `key` on disk, let go of there.
    fileprivate mutating func takeFromDisk(_ key: Key) -> Value? {
        guard disk != nil, var found = onDisk(key) else { return nil }
        // A copy of the table shares the file until one of them changes it;
        // its own file holds only the standing records, so the key's place
        // there is found again.
        if !isKnownUniquelyReferenced(&disk), let shared = disk {
            disk = shared.copy()
            guard let again = onDisk(key) else { return nil }
            found = again
        }
        disk?.remove(found)
        return Self.value(of: found.record)
    }

    /// The entries in memory to a new run on disk, and out of memory.
    fileprivate mutating func spill() {
        guard Self.spillable, !cannotSpill else { return }
        if disk == nil {
            disk = SpillRuns(recordSize: Self.recordSize, directory: directory, compactFrom: spillFrom)
        } else if !isKnownUniquelyReferenced(&disk), let shared = disk {
            disk = shared.copy()
        }
        let added = disk?.add(hashes: keys.map(Self.hash)) { place, raw in
            withUnsafeBytes(of: keys[place]) { key in
                UnsafeMutableRawBufferPointer(rebasing: raw[Self.keyOffset...]).copyMemory(from: key)
            }
            withUnsafeBytes(of: values[place]) { value in
                UnsafeMutableRawBufferPointer(rebasing: raw[Self.valueOffset...]).copyMemory(from: value)
            }
        }
        guard added == true else {
            cannotSpill = true
            return
        }
        keys = ChunkedArray()
        values = ChunkedArray()
        index = []
        // Merged once the entries are let go of: not both at once.
        disk?.settle()
        // The room they and the merge left, given back near the peak.
        HeapRoom.afterSpill()
    }
}

extension CompactTable where Value == Void {
    func contains(_ key: Key) -> Bool { self[key] != nil }

    mutating func insert(_ key: Key) { self[key] = () }

    mutating func remove(_ key: Key) { removeValue(forKey: key) }
}
