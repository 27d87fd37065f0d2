import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Where a JSON report keeps the text of each event it holds for its
/// tallies (`EventBuilder`): a temporary file, unlinked as soon as it is
/// made (nothing is left behind however the report ends), made only when
/// a report first holds many events. 100,000 processes that each failed
/// once within a second held 100,000 texts to the end, their pieces
/// shared (`SharedParts`) but each event's list of them and its own
/// lines some 400 bytes in memory (docs/performance.md, "Held events:
/// counted at once, spooled").
///
/// A write that fails leaves the text in memory, as before (`write`
/// answers nil); a read that fails cannot be undone, so it is kept in
/// `failure` for the report to stop with (`ReportStream`).
/// One thread uses it: the reading thread, which every record passes.
final class EventSpool: @unchecked Sendable {
    struct Place: Sendable {
        var offset: Int
        var count: Int32
    }

    private var descriptor: Int32 = -1
    private var path = ""
    private var end = 0
    private var unusable = false
    /// The first read that failed: the report cannot be written whole.
    private(set) var failure: LogReadError?
    /// Where the file is made: $TMPDIR, or /tmp.
    let directory: String
    /// Bytes written to the file: its size (`SpillRuns` compacts by it).
    var size: Int { end }

    init(directory: String? = nil) {
        self.directory =
            directory ?? ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Where `bytes` now are, or nil when the spool cannot take them.
    func write(_ bytes: [UInt8]) -> Place? {
        guard bytes.count <= Int(Int32.max), open() else { return nil }
        let written = bytes.withUnsafeBytes { buffer -> Int in
            var done = 0
            while done < buffer.count {
                let step = pwrite(
                    descriptor, buffer.baseAddress?.advanced(by: done), buffer.count - done, off_t(end + done))
                if step < 0, errno == EINTR { continue }
                guard step > 0 else { return -1 }
                done += step
            }
            return done
        }
        // A short write (a full disk) leaves the rest of the held texts in memory.
        guard written == bytes.count else {
            unusable = true
            return nil
        }
        defer { end += bytes.count }
        return Place(offset: end, count: Int32(bytes.count))
    }

    /// Writes `bytes` over what was written at `offset` (a spilled
    /// table's entry let go of: `SpillRuns`); false if it could not.
    func overwrite(_ bytes: [UInt8], at offset: Int) -> Bool {
        guard descriptor >= 0, offset >= 0, offset + bytes.count <= end else { return false }
        return bytes.withUnsafeBytes { buffer -> Bool in
            var done = 0
            while done < buffer.count {
                let step = pwrite(
                    descriptor, buffer.baseAddress?.advanced(by: done), buffer.count - done, off_t(offset + done))
                if step < 0, errno == EINTR { continue }
                guard step > 0 else { return false }
                done += step
            }
            return true
        }
    }

    /// The bytes written at `place`; nil (and `failure` set) if they
    /// cannot be read back.
    func read(_ place: Place) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: Int(place.count))
        let read = bytes.withUnsafeMutableBytes { buffer -> Int in
            var done = 0
            while done < buffer.count {
                let step = pread(
                    descriptor, buffer.baseAddress?.advanced(by: done), buffer.count - done, off_t(place.offset + done))
                if step < 0, errno == EINTR { continue }
                guard step > 0 else { return step < 0 ? -Int(errno) : done }
                done += step
            }
            return done
        }
        guard read == bytes.count else {
            let reason = read < 0 ? String(cString: strerror(Int32(-read))) : "it ended early"
            if failure == nil {
                failure = .cannotRead(path: "\(path) (the report's spool of held events, unlinked)", reason: reason)
            }
            return nil
        }
        return bytes
    }

    /// The file, made and unlinked the first time.
    private func open() -> Bool {
        if descriptor >= 0 { return true }
        guard !unusable else { return false }
        unusable = true
        var template = Array("\(directory)/forkexplain-spool.XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard made >= 0 else { return false }
        // Not inherited by a symbolizer the report starts.
        _ = fcntl(made, F_SETFD, FD_CLOEXEC)
        path = template.withUnsafeBufferPointer { buffer in buffer.baseAddress.map { String(cString: $0) } ?? "" }
        unlink(path)
        descriptor = made
        unusable = false
        return true
    }
}
