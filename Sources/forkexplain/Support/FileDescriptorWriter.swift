#if canImport(Glibc)
    import Glibc
#endif

/// Writes with write(2), so a failed write is seen (stdio and FileHandle
/// drop it or trap) and nothing waits in a buffer.
enum FileDescriptorWriter {
    /// Writes all of `text`; returns 0, or the errno of the write that failed.
    static func write(_ text: String, to descriptor: Int32) -> Int32 {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { buffer -> Int32 in
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
}
