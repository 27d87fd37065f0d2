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
/// (`DecodingBatch`), 85 to 90 MB from 10,000 records to 300,000.
///
/// - The mapping threshold fixed at glibc's default, 128 KiB. The first
///   free of a mapped buffer of megabytes (a decoding batch's) raises it
///   to that size, and later buffers of the kind came out of the heaps and
///   were cut into small records once freed.
/// - A heap (arena) for each decoding thread and one for the reading
///   thread, no more. A batch's records are made in its threads' heaps and
///   freed by the reading thread; each batch's new threads took whichever
///   of glibc's up to 8 heaps a core was free, and the sum of their high
///   marks crept up with the batches read. One heap for every thread held
///   the peak flat too, but the decoding threads then waited on its lock:
///   20 to 45 % longer by wall clock on 100,000 records, system time
///   doubled.
///
/// `mallopt` is looked up at run time: `<malloc.h>` is not in the Glibc
/// module, and musl, which has neither a threshold to raise nor heaps per
/// thread, has no `mallopt`.
enum SteadyHeap {
    /// glibc's default `M_MMAP_THRESHOLD`.
    static let mappingThreshold: Int32 = 128 << 10

    /// A heap for each decoding thread (one a core) and the reading thread.
    static var heaps: Int32 { Int32(clamping: DecodingThreads.most + 1) }

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
        return mallopt(mmapThreshold, mappingThreshold) == 1 && mallopt(arenaMax, heaps) == 1
    }()
}
