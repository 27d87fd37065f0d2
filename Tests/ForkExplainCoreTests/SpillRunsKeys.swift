@testable import ForkExplainCore

/// Records of 24 bytes for the spill runs' tests: hash, mark, a key of 8
/// bytes, the hash the key times an odd constant (an odd spread).
extension SpillRuns {
    /// Adds keys as one run.
    func add(keys: [UInt64]) -> Bool {
        add(hashes: keys.map { $0 &* 0x9E37_79B9_7F4A_7C15 }) { place, raw in
            raw.storeBytes(of: keys[place], toByteOffset: 16, as: UInt64.self)
        }
    }

    func holds(key: UInt64) -> Bool {
        find(hash: key &* 0x9E37_79B9_7F4A_7C15) { $0.load(fromByteOffset: 16, as: UInt64.self) == key } != nil
    }
}
