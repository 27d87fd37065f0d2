import XCTest

@testable import ForkExplainCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A report's heaps must not grow with the batches it reads: on glibc,
/// `SteadyHeap` fixes the mapping threshold and keeps a heap per decoding
/// thread. (Whether a
/// buffer is then mapped depends on what the test process freed before, so
/// bench/reader.sh shows the effect: peak RSS at 10^4, 10^5 and 3·10^5
/// records.)
final class SteadyHeapTests: XCTestCase {
    func testGlibcTakesBothSettings() throws {
        guard dlsym(nil, "gnu_get_libc_version") != nil else {
            XCTAssertFalse(SteadyHeap.set, "only glibc has mallopt")
            throw XCTSkip("not glibc: no mapping threshold to fix, no heap per thread")
        }
        XCTAssertTrue(SteadyHeap.set, "glibc refused M_MMAP_THRESHOLD or M_ARENA_MAX")
    }
}
