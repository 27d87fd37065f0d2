/// A spill run's filter: whether a key's hash may be on the run, so that a
/// key on no run (the usual case, a new process) costs a few memory reads
/// and no read of the file. Never "absent" for a hash added.
///
/// Split into blocks of 512 bits (8 words, one cache line); a hash sets
/// one bit in each of a block's 8 words. For its bits it keeps fewer false
/// positives than the one word of 4 bits a hash it replaced: 12 bits a
/// record here, some 0.42 % false positives, against 16 bits (a power of
/// two of words) and 0.51 % before; the blocks are as many as the records
/// need, not a power of two (docs/performance.md, "The report's last
/// megabytes: the runs' filters").
struct RunFilter {
    /// Bits a record: 12 keeps the false positives (a read of a block of
    /// the file each) at or under the 16 bits' of the filter before.
    static let bitsPerRecord = 12
    static let wordsPerBlock = 8
    private(set) var words: [UInt64]

    /// A filter let go of (a merge's input): "may hold" for every hash,
    /// so that a lookup made through it reads the file rather than miss.
    static let released = RunFilter(words: [])

    private init(words: [UInt64]) { self.words = words }

    init(expected: Int) {
        let bits = max(1, expected) * Self.bitsPerRecord
        let blocks = (bits + 64 * Self.wordsPerBlock - 1) / (64 * Self.wordsPerBlock)
        words = [UInt64](repeating: 0, count: blocks * Self.wordsPerBlock)
    }

    /// The filter's bytes, for the tests and the docs' account.
    var bytes: Int { words.count * 8 }

    mutating func insert(_ hash: UInt64) {
        let (first, lanes) = probe(hash)
        words.withUnsafeMutableBufferPointer { all in
            for lane in 0..<Self.wordsPerBlock {
                all[first + lane] |= 1 << ((lanes >> (6 * UInt64(lane))) & 63)
            }
        }
    }

    func mayHold(_ hash: UInt64) -> Bool {
        guard !words.isEmpty else { return true }
        let (first, lanes) = probe(hash)
        return words.withUnsafeBufferPointer { all in
            for lane in 0..<Self.wordsPerBlock
            where all[first + lane] & (1 << ((lanes >> (6 * UInt64(lane))) & 63)) == 0 {
                return false
            }
            return true
        }
    }

    /// The first word of the hash's block, and 48 bits that pick a bit in
    /// each of its words. The hash is mixed first (splitmix64's finish):
    /// the block is taken from its high 32 bits by a multiply (so any
    /// number of blocks), the bits from another multiple of it.
    private func probe(_ hash: UInt64) -> (first: Int, lanes: UInt64) {
        var mixed = hash
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        mixed ^= mixed >> 31
        let blocks = UInt64(words.count / Self.wordsPerBlock)
        let block = Int(truncatingIfNeeded: ((mixed >> 32) &* blocks) >> 32)
        let lanes = (mixed &* 0x9E37_79B9_7F4A_7C15) >> 16
        return (block * Self.wordsPerBlock, lanes)
    }
}
