#if canImport(Glibc)
    import Glibc
#endif

/// Writes with write(2), so a failed write is seen (stdio and FileHandle
/// drop it or trap) and nothing waits in a buffer.
enum FileDescriptorWriter {
    /// Writes all of `text`; returns 0, or the errno of the write that failed.
    static func write(_ text: String, to descriptor: Int32) -> Int32 {
        // The string's own UTF-8, not a copy: a report of a large log is
        // hundreds of MB.
        var text = text
        return text.withUTF8 { write($0, to: descriptor) }
    }

    static func write(_ bytes: [UInt8], to descriptor: Int32) -> Int32 {
        bytes.withUnsafeBufferPointer { write($0, to: descriptor) }
    }

    private static func write(_ buffer: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Int32 {
        guard let base = buffer.baseAddress else { return 0 }
        var written = 0
        while written < buffer.count {
            let count = Glibc.write(descriptor, base + written, buffer.count - written)
            if count < 0 {
                if errno == EINTR { continue }
                return errno
            }
            written += count
        }
        return 0
    }
}
