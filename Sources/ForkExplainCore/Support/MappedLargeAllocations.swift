#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Keeps glibc from carving the reader's large buffers out of its heaps.
///
/// Each decoding batch allocates a few buffers of megabytes (its lines, its
/// decoded records) and frees them a batch later. glibc maps such a buffer
/// and unmaps it at `free`, but that first `free` raises its mapping
/// threshold to the buffer's size (up to 32 MiB): every later batch's
/// buffers then come from the heaps of the threads that decode, are cut
/// into small records once freed, and the heaps' resident size grows with
/// the number of batches read. A report of 100,000 records peaked at 146 MB
/// against 88 MB for 10,000 with the same 69 MB in use at its peak
/// (heaptrack). A fixed threshold keeps the glibc default (128 KiB) and
/// turns the raising off, so what a report holds stays flat in the size of
/// its log.
///
/// `mallopt` is looked up at run time: `<malloc.h>` is not in the Glibc
/// module, and musl, which has no such threshold to raise, has no `mallopt`.
enum MappedLargeAllocations {
    /// glibc's default `M_MMAP_THRESHOLD`.
    static let threshold: Int32 = 128 << 10

    /// Whether the threshold is fixed, set once for the process.
    static let fixed: Bool = {
        // <malloc.h>: #define M_MMAP_THRESHOLD -3
        let mmapThreshold: Int32 = -3
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        // nil: RTLD_DEFAULT.
        guard let symbol = dlsym(nil, "mallopt") else { return false }
        return unsafeBitCast(symbol, to: MallOpt.self)(mmapThreshold, threshold) == 1
    }()
}
