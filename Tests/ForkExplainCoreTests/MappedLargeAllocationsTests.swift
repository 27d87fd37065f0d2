import XCTest

@testable import ForkExplainCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A decoding batch's buffers are mapped and unmapped whole, batch after
/// batch: glibc must not start carving them out of its heaps once one was
/// freed, or a report's resident size grows with the batches it reads
/// (`MappedLargeAllocations`).
final class MappedLargeAllocationsTests: XCTestCase {
    /// The size of a batch's lines (2,048 records of some 4 KiB).
    private let batchBytes = 8 << 20

    func testALargeBufferIsMappedAgainAfterOneWasFreed() throws {
        guard MappedLargeAllocations.fixed else {
            XCTAssertNil(dlsym(nil, "gnu_get_libc_version"), "glibc has mallopt: the threshold must be fixed")
            throw XCTSkip("not glibc: no mapping threshold to fix")
        }
        // glibc raises its threshold at the first free of a mapped buffer.
        let first = try XCTUnwrap(malloc(batchBytes))
        memset(first, 1, batchBytes)
        free(first)
        let before = try mappedBuffers()
        let second = try XCTUnwrap(malloc(batchBytes))
        defer { free(second) }
        memset(second, 1, batchBytes)
        XCTAssertEqual(try mappedBuffers(), before + 1, "the second buffer is a mapping of its own, not heap")
    }

    /// glibc's count of mapped buffers, from `malloc_info`.
    private func mappedBuffers() throws -> Int {
        typealias MallocInfo = @convention(c) (Int32, UnsafeMutablePointer<FILE>?) -> Int32
        let symbol = try XCTUnwrap(dlsym(nil, "malloc_info"), "glibc has malloc_info")
        var buffer: UnsafeMutablePointer<CChar>?
        var size = 0
        let stream = try XCTUnwrap(open_memstream(&buffer, &size))
        XCTAssertEqual(unsafeBitCast(symbol, to: MallocInfo.self)(0, stream), 0)
        fclose(stream)
        defer { free(buffer) }
        let text = String(cString: try XCTUnwrap(buffer))
        // <total type="mmap" count="N" size="BYTES"/>
        let marker = "<total type=\"mmap\" count=\""
        let start = try XCTUnwrap(text.range(of: marker), text).upperBound
        return try XCTUnwrap(Int(text[start...].prefix { $0.isNumber }), text)
    }
}
