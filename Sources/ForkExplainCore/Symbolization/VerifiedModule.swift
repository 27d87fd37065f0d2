#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A module named by the log, opened and checked before llvm-symbolizer may
/// read it: a regular file, not larger than `maximumBytes`, whose ELF
/// build-id is the one the log recorded. A device, a FIFO, a huge or sparse
/// file, or a different build of the library is never handed over. The
/// symbolizer reads the file through this process's descriptor
/// (`/proc/PID/fd/N`), so the file checked is the file read.
final class VerifiedModule {
    static let maximumBytes: Int64 = 1 << 30

    let descriptor: Int32
    let identity: ELFIdentityReader.Identity

    /// Nil when the file is not what the log says it is, or cannot be read.
    init?(path: String, buildID: String?) {
        guard let buildID, !buildID.isEmpty, path.hasPrefix("/") else { return nil }
        // O_NONBLOCK: a FIFO at the path must not block the open.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size > 0,
            Int64(info.st_size) <= Self.maximumBytes,
            let identity = ELFIdentityReader.read(descriptor: descriptor, size: Int64(info.st_size)),
            identity.buildID == buildID.lowercased()
        else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
        self.identity = identity
    }

    deinit { close(descriptor) }

    /// How llvm-symbolizer names this very file.
    var procPath: String { "/proc/\(getpid())/fd/\(descriptor)" }

    /// The offset as a number when it lies inside the module's image.
    func validOffset(_ text: String) -> UInt64? {
        guard text.hasPrefix("0x"), text.count <= 18, let value = UInt64(text.dropFirst(2), radix: 16),
            value < identity.imageEnd
        else { return nil }
        return value
    }
}
