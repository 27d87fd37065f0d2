/// Checks that what a spill file gives back is what the report wrote: a
/// file truncated under the report and written past again reads back
/// zeros, one overwritten reads back someone else's bytes, and either would
/// go into the counts unseen (docs/design.md, "$TMPDIR"). Not a defence
/// against a forger (the file is the user's own), a check against accident,
/// cheap enough to verify at every read: one multiply a word.
enum SpillSeal {
    private static let odd: UInt64 = 0x9E37_79B9_7F4A_7C15
    private static let odd2: UInt64 = 0xBF58_476D_1CE4_E5B9

    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        var mixed = value &* odd2
        mixed ^= mixed >> 31
        return mixed
    }

    /// A check of `bytes`, `salt` mixed in (a text's place in its file), never
    /// 0: a word of zeros read back never passes for it.
    static func check(_ bytes: UnsafeRawBufferPointer, salt: UInt64 = 0) -> UInt32 {
        var state = odd ^ salt &* odd2 ^ UInt64(bytes.count)
        var at = 0
        while at + 8 <= bytes.count {
            state = mix(state ^ bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self)) &+ odd
            at += 8
        }
        if at < bytes.count {
            var tail: UInt64 = 0
            for index in at..<bytes.count { tail = tail << 8 | UInt64(bytes[index]) }
            state = mix(state ^ tail) &+ odd
        }
        state = mix(state)
        let folded = UInt32(truncatingIfNeeded: state ^ (state >> 32))
        return folded == 0 ? 1 : folded
    }

    static func check(_ bytes: [UInt8], salt: UInt64 = 0) -> UInt32 {
        bytes.withUnsafeBytes { check($0, salt: salt) }
    }

    /// The sum of the shares of `bytes`' 8-byte words (`bytes.count` a
    /// multiple of 8), the first of them word `first` of its block, each by
    /// its place: a block's sum is that of all its words; a part of it
    /// changed in place takes its words' old shares out and puts their new
    /// ones in, without reading the rest of the block.
    static func shares(_ bytes: UnsafeRawBufferPointer, first: Int = 0) -> UInt64 {
        var sum: UInt64 = 0
        for index in 0..<(bytes.count / 8) {
            let word = bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
            sum &+= mix(word ^ UInt64(truncatingIfNeeded: first + index) &* odd)
        }
        return sum
    }

    /// The 8-byte words of a block of `count` bytes that bytes
    /// `range` lie on, as a range of bytes.
    static func words(covering range: Range<Int>, count: Int) -> Range<Int> {
        (range.lowerBound & ~7)..<min(count, (range.upperBound + 7) & ~7)
    }
}
