#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// glibc's allocator set so that what a report holds stays flat in the size
/// of its log: it holds its incidents, not its records, but glibc's heaps
/// grew with the batches read. A report of 100,000 records peaked at
/// 146 MB against 88 MB for 10,000, with the same 69 MB in use at its peak
/// (heaptrack); with both settings and batches that keep their buffers
/// (`DecodingBatch`), 78 MB at 10,000 records and at 300,000.
///
/// - The mapping threshold fixed at glibc's default, 128 KiB. The first
///   free of a mapped buffer of megabytes (a decoding batch's) raises it
///   to that size, and later buffers of the kind came out of the heaps and
///   were cut into small records once freed.
/// - One heap (arena). Each decoding thread takes a heap of its own, a
///   batch's records are made there and freed by the reading thread; new
///   threads, a batch's, take whichever heap is free, and the sum of every
///   heap's high mark crept up with the batches read.
///
/// `mallopt` is looked up at run time: `<malloc.h>` is not in the Glibc
/// module, and musl, which has neither a threshold to raise nor heaps per
/// thread, has no `mallopt`.
enum SteadyHeap {
    /// glibc's default `M_MMAP_THRESHOLD`.
    static let mappingThreshold: Int32 = 128 << 10

    /// Whether both are set, once for the process, before the reader's
    /// threads take heaps of their own.
    static let set: Bool = {
        // <malloc.h>
        let mmapThreshold: Int32 = -3
        let arenaMax: Int32 = -8
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        // nil: RTLD_DEFAULT.
        guard let symbol = dlsym(nil, "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
        return mallopt(mmapThreshold, mappingThreshold) == 1 && mallopt(arenaMax, 1) == 1
    }()
}
