#if canImport(Glibc)
    import Glibc
#endif

/// `check --textfile-dir DIR`: node_exporter's textfile collector reads
/// every `*.prom` file of DIR on each scrape, so the file must never be
/// seen half written. A temporary file in the same directory (a dot name
/// without `.prom`, which the collector skips), synced, then renamed over
/// the old one: rename(2) within one filesystem is atomic, and the
/// directory is synced so the new name survives a crash.
enum TextfileWriter {
    static let fileName = "forkexplain.prom"

    struct Failure: Error {
        var message: String
    }

    static func write(_ text: String, into directory: String) throws(Failure) {
        let target = "\(directory)/\(fileName)"
        func failure(_ what: String, _ error: Int32) -> Failure {
            Failure(
                message:
                    "cannot write the textfile \(target): \(what): \(String(cString: strerror(error))); give a directory this user can write (node_exporter's --collector.textfile.directory)"
            )
        }
        var template = Array("\(directory)/.\(fileName).XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard descriptor >= 0 else { throw failure("cannot create a temporary file there", errno) }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var error = FileDescriptorWriter.write(text, to: descriptor)
        var what = "write"
        // node_exporter runs as its own user: the file must be readable.
        if error == 0, fchmod(descriptor, 0o644) != 0 { (error, what) = (errno, "chmod") }
        if error == 0, fsync(descriptor) != 0 { (error, what) = (errno, "fsync") }
        if close(descriptor) != 0, error == 0 { (error, what) = (errno, "close") }
        if error == 0, rename(temporary, target) != 0 { (error, what) = (errno, "rename") }
        guard error == 0 else {
            unlink(temporary)
            throw failure(what, error)
        }
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }
}
