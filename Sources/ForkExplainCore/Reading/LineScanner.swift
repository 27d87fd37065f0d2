#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits a file descriptor's bytes into lines without holding the file in
/// memory: logs of a long storm can be large.
enum LineScanner {
    /// The shim writes records of at most 32 KiB (docs/log-format.md, "Size"),
    /// but a whole Loki or Elasticsearch response can arrive as one line
    /// (docs/shipping.md, "What report - unwraps"): lines get room for a
    /// response of thousands of records, and one longer still is dropped
    /// rather than buffered without bound.
    static let longestLine = 256 << 20

    enum Line {
        case text(ArraySlice<UInt8>)
        case overlong
    }

    /// The next `\n` in `chunk[from..<to]`: memchr, not a loop over each
    /// byte of a log that may be gigabytes.
    private static func newline(in chunk: [UInt8], from start: Int, to end: Int) -> Int? {
        guard start < end else { return nil }
        return chunk.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress, let found = memchr(base + start, 0x0A, end - start) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Calls `body` for every line (without its `\n`), then for a final
    /// unterminated one. Returns the errno of a failed read(2), or nil.
    static func scan(fileDescriptor: Int32, body: (Line) throws -> Void) rethrows -> Int32? {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var pending: [UInt8] = []
        var discarding = false

        while true {
            let count = chunk.withUnsafeMutableBytes { read(fileDescriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if count == 0 { break }

            var start = 0
            while let index = newline(in: chunk, from: start, to: count) {
                if discarding {
                    discarding = false
                    try body(.overlong)
                } else if pending.isEmpty {
                    try body(.text(chunk[start..<index]))
                } else {
                    pending.append(contentsOf: chunk[start..<index])
                    try body(.text(pending[...]))
                    pending.removeAll(keepingCapacity: true)
                }
                start = index + 1
            }
            if !discarding {
                pending.append(contentsOf: chunk[start..<count])
                if pending.count > longestLine {
                    discarding = true
                    pending.removeAll()
                }
            }
        }
        if discarding {
            try body(.overlong)
        } else if !pending.isEmpty {
            try body(.text(pending[...]))
        }
        return nil
    }
}
