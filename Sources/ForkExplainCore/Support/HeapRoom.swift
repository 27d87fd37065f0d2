import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// glibc's free room given back on a log of many processes, so that the
/// report's own peak stays flat in the size of its log. Its tables of
/// processes let go of their entries to their files (`CompactTable.spill`,
/// 1,024 at a time) and the files' filters grow with the processes; the
/// holes freed in glibc's heaps (the decoding threads' too) stay resident
/// until `malloc_trim` gives them back. After a spill, and once at the end
/// of a log's reading if any table spilled, they are given back, but only
/// when the resident size is within `nearPeak` of the high-water mark: a
/// trim when the peak is far pays its faults (each page given back is
/// faulted in again when reused) for nothing. On 100,000 processes failing
/// once each this took the peak from 1.03x that of 10,000 records to
/// 1.00-1.02x, in some 150 trims of 291 spills (docs/performance.md, "The report's
/// last megabytes: the heaps' room given back near the peak"). A log that
/// spills nothing (fewer processes than a table holds) pays nothing.
///
/// `malloc_trim` is looked up at run time, as `SteadyHeap` looks up
/// `mallopt`: `<malloc.h>` is not in the Glibc module, and musl has none.
enum HeapRoom {
    /// KiB of the high-water mark under which a trim is not worth its faults.
    static let nearPeak = 256

    private typealias Trim = @convention(c) (Int) -> Int32
    // nil: RTLD_DEFAULT.
    private static let trim: Trim? = dlsym(nil, "malloc_trim").map { unsafeBitCast($0, to: Trim.self) }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var spilled = false
    nonisolated(unsafe) private static var trims = 0

    /// Times the room was given back (for tests).
    static var given: Int { lock.withLock { trims } }

    /// After a table let go of its entries to its file and merged.
    static func afterSpill() {
        lock.withLock { spilled = true }
        giveBackNearPeak()
    }

    /// At the end of a log's reading (its last records handed on), if a
    /// table spilled, whatever the resident size: what the report does
    /// then takes room of its own, and its peak on a log of many processes
    /// is often there.
    static func afterReading() {
        guard lock.withLock({ spilled }) else { return }
        giveBack()
    }

    private static func giveBackNearPeak() {
        guard trim != nil, let resident = residentKiB(), let peak = peakKiB(),
            worthIt(resident: resident, peak: peak)
        else { return }
        giveBack()
    }

    /// The high-water mark of the resident size, KiB (`ru_maxrss`).
    static func peakKiB() -> Int? {
        #if canImport(Glibc)
            let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
            let who = RUSAGE_SELF
        #endif
        var usage = rusage()
        return getrusage(who, &usage) == 0 ? usage.ru_maxrss : nil
    }

    private static func giveBack() {
        guard let trim else { return }
        _ = trim(0)
        lock.withLock { trims += 1 }
    }

    /// Whether a trim now can lower the peak: the resident size is within
    /// `nearPeak` KiB of the high-water mark.
    static func worthIt(resident: Int, peak: Int) -> Bool { resident + nearPeak >= peak }

    /// The resident KiB, from /proc/self/statm (pages; its second field).
    static func residentKiB() -> Int? {
        let descriptor = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 128)
        let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count - 1) }
        guard count > 0 else { return nil }
        let fields = bytes[0..<count].split(separator: UInt8(ascii: " "))
        guard fields.count > 1, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else { return nil }
        return pages * (sysconf(Int32(_SC_PAGESIZE)) / 1024)
    }
}
