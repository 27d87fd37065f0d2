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
/// answers nil), and is told once at the end (`SpillNotice`); a read that
/// fails, or gives back what was not written (`readSealed`), cannot be
/// undone, so it is kept in `failure` for the report to stop with
/// (`ReportStream`). The tables' files (`SpillRuns`, `SpillingList`) are
/// spools too, each with its own.
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
    private(set) var failure: SpillFailure?
    /// Where the file is made: $TMPDIR, or /tmp.
    let directory: String
    /// What it holds, as the report's lines name it: "its table of processes".
    let what: String
    /// Whether a file that cannot be made or take a write is told at the
    /// end (`SpillNotice`): not for a compaction's fresh file, whose
    /// failure leaves the old one as it was.
    private let noticed: Bool
    /// Bytes written to the file: its size (`SpillRuns` compacts by it).
    var size: Int { end }

    init(directory: String? = nil, holding what: String = "its held events", noticed: Bool = true) {
        self.directory =
            directory ?? ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        self.what = what
        self.noticed = noticed
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
            let reason = written < 0 ? SpillFailure.lastError() : "it took part of a write"
            unusable = true
            refused(reason)
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
            fail(read < 0 ? .read(String(cString: strerror(Int32(-read)))) : .cutShort)
            return nil
        }
        return bytes
    }

    /// The bytes of a check `writeSealed` writes first.
    static let sealSize = 4

    /// Writes `sealed`, its first `sealSize` bytes room for a check of the
    /// rest and of where it goes (`SpillSeal`), which `readSealed`
    /// verifies: 4 bytes more on disk, no copy.
    func writeSealed(_ sealed: inout [UInt8]) -> Place? {
        guard sealed.count >= Self.sealSize else { return nil }
        let salt = UInt64(truncatingIfNeeded: end)
        sealed.withUnsafeMutableBytes { raw in
            let check = SpillSeal.check(UnsafeRawBufferPointer(rebasing: raw[Self.sealSize...]), salt: salt)
            raw.storeBytes(of: check.littleEndian, as: UInt32.self)
        }
        return write(sealed)
    }

    /// What `writeSealed` wrote at `place`, its check first; nil (and
    /// `failure` set) if it cannot be read back or is not what was written.
    func readSealed(_ place: Place) -> [UInt8]? {
        guard place.count >= Self.sealSize, let sealed = read(place) else {
            if place.count < Self.sealSize { fail(.changed) }
            return nil
        }
        let salt = UInt64(truncatingIfNeeded: place.offset)
        let intact = sealed.withUnsafeBytes { raw in
            UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self))
                == SpillSeal.check(UnsafeRawBufferPointer(rebasing: raw[Self.sealSize...]), salt: salt)
        }
        guard intact else {
            fail(.changed)
            return nil
        }
        return sealed
    }

    /// Keeps the first failure, for the report to stop with.
    func fail(_ cause: SpillFailure.Cause) {
        if failure == nil { failure = SpillFailure(what, directory: directory, cause: cause) }
    }

    /// The failure to stop with at once, where the caller cannot throw.
    func failureNow(_ cause: SpillFailure.Cause) -> SpillFailure {
        fail(cause)
        return failure ?? SpillFailure(what, directory: directory, cause: cause)
    }

    private func refused(_ reason: String) {
        if noticed { SpillNotice.refused(what, directory: directory, reason: reason) }
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
        guard made >= 0 else {
            refused(SpillFailure.lastError())
            return false
        }
        // Not inherited by a symbolizer the report starts.
        _ = fcntl(made, F_SETFD, FD_CLOEXEC)
        path = template.withUnsafeBufferPointer { buffer in buffer.baseAddress.map { String(cString: $0) } ?? "" }
        unlink(path)
        descriptor = made
        unusable = false
        return true
    }
}
