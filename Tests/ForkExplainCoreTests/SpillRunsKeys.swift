import XCTest

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

extension SpillRuns {
    /// Lets go of the key's record: false when none stands.
    func take(key: UInt64) -> Bool {
        guard
            let found = find(
                hash: key &* 0x9E37_79B9_7F4A_7C15, matching: { $0.load(fromByteOffset: 16, as: UInt64.self) == key })
        else { return false }
        remove(found)
        return true
    }
}

#if canImport(Glibc)
    import Glibc
#endif

extension SpillRuns {
    /// `settle` with the process's files limited to `bytes` (RLIMIT_FSIZE,
    /// SIGXFSZ ignored), so that what it writes past them fails; the limit,
    /// the signal and the notice of the failure put back as they were.
    func settle(fileLimit bytes: Int) {
        var old = rlimit()
        XCTAssertEqual(getrlimit(Int32(RLIMIT_FSIZE.rawValue), &old), 0)
        var low = old
        low.rlim_cur = rlim_t(bytes)
        let oldSignal = signal(SIGXFSZ, SIG_IGN)
        XCTAssertEqual(setrlimit(Int32(RLIMIT_FSIZE.rawValue), &low), 0)
        settle()
        XCTAssertEqual(setrlimit(Int32(RLIMIT_FSIZE.rawValue), &old), 0)
        signal(SIGXFSZ, oldSignal)
        _ = SpillNotice.take()
    }
}
