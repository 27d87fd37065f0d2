import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads forkexplain logs line by line and hands each record on as it is
/// decoded, so a large log never sits in memory as a whole.
public struct LogReader: Sendable {
    public init() {}

    /// Reads one log. Throws `LogReadError` when it cannot be opened or read,
    /// or when it is not empty and no line of it is a forkexplain record.
    @discardableResult
    func read(_ source: LogSource, record handle: (LogRecord) throws -> Void) throws -> LogFileSummary {
        try read(source, prepare: { _ in () }) { record, _ in try handle(record) }
    }

    /// The same, with `prepare` run on each record where it is decoded, on
    /// every core (classification, for a report), and its result handed on
    /// with the record, in the log's order. `slim`, when given, makes the
    /// record handed on of the one decoded and `prepare`'s result, there
    /// too (`DecodingBatch`).
    func read<Prepared: Sendable>(
        _ source: LogSource, prepare: @escaping @Sendable (LogRecord) -> Prepared,
        slim: (@Sendable (LogRecord, Prepared) -> LogRecord)? = nil,
        record handle: (LogRecord, Prepared) throws -> Void
    ) throws -> LogFileSummary {
        // glibc set so that its heaps do not grow with the batches read.
        _ = SteadyHeap.set
        let (descriptor, owner) = try openLog(source)
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        if source.offset > 0, lseek(descriptor, off_t(source.offset), SEEK_SET) < 0 {
            throw Self.failure(source, errno)
        }

        var summary = LogFileSummary(path: source.path, owner: owner)
        var nonBlankLines = 0
        var envelopes = Envelopes()

        // Lines are decoded a batch at a time on every core, and handed on
        // in the log's order: the decoding is most of a report's time, and
        // a batch bounds what sits in memory. Two batches take turns: one
        // decodes while the other's records are handed on and it is filled
        // with the next lines.
        var filling = DecodingBatch(prepare: prepare, slim: slim)
        var decoding: DecodingBatch<Prepared>?
        func hand(_ decoded: DecodingBatch<Prepared>.Decoded?, _ kind: EnvelopeKind?) throws {
            guard let decoded else {
                summary.skippedLines += 1
                return
            }
            if decoded.tornBefore { summary.skippedLines += 1 }
            summary.records += 1
            if let kind { summary.envelopeRecords[kind, default: 0] += 1 }
            summary.lostFields += decoded.lostFields
            if decoded.record.isNewerSchema { summary.newerSchemaSeen = true }
            try handle(decoded.record, decoded.prepared)
        }
        func flush() throws {
            filling.start()
            let started = filling
            if let previous = decoding {
                try previous.hand(hand)
                filling = previous
            } else {
                filling = DecodingBatch(prepare: prepare, slim: slim)
            }
            decoding = started
        }

        // What is left of a line once its envelopes are off (docs/shipping.md).
        func take(_ unwrapped: Envelopes.Output) throws {
            switch unwrapped {
            case .line(let line, let kind):
                if filling.add(line, kind: kind) { try flush() }
            case .other: summary.otherLines += 1
            case .lost(let lines): summary.skippedLines += lines
            }
        }

        let readError = try LineScanner.scan(fileDescriptor: descriptor) { line in
            guard case .text(let bytes) = line else {
                nonBlankLines += 1
                summary.skippedLines += 1
                return
            }
            guard bytes.contains(where: { !Self.isBlank($0) }) else { return }
            nonBlankLines += 1
            try envelopes.unwrap(bytes, take)
        }
        try envelopes.finish(take)
        if !filling.isEmpty { try flush() }
        try decoding?.hand(hand)
        HeapRoom.afterReading()
        if let readError { throw Self.failure(source, readError) }
        if nonBlankLines > 0, summary.records == 0, !envelopes.sawEnvelope {
            throw LogReadError.notALog(path: source.displayName)
        }
        return summary
    }

    /// Throws the error `read` would for a log that cannot be opened, or is
    /// not a file: a streamed report checks every log before it writes.
    public func check(_ source: LogSource) throws {
        let (descriptor, _) = try openLog(source)
        if descriptor != STDIN_FILENO { close(descriptor) }
    }

    private func openLog(_ source: LogSource) throws -> (descriptor: Int32, owner: UInt32?) {
        guard source.path != LogSource.standardInput else { return (STDIN_FILENO, nil) }
        // O_NONBLOCK: opening a FIFO planted at the path must not wait for
        // a writer. Symlinks are followed: the reader only reads, and what
        // the link leads to is checked below like any named file.
        let descriptor = open(source.path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw Self.failure(source, errno) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            close(descriptor)
            throw Self.failure(source, code)
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw LogReadError.notAFile(path: source.displayName, kind: LogReadError.kind(of: info.st_mode))
        }
        return (descriptor, info.st_uid)
    }

    /// Reads several logs in order and collects their records.
    func readAll(_ sources: [LogSource]) throws -> (records: [LogRecord], files: [LogFileSummary]) {
        var records: [LogRecord] = []
        var files: [LogFileSummary] = []
        for source in sources {
            files.append(try read(source) { records.append($0) })
        }
        return (records, files)
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D
    }

    private static func failure(_ source: LogSource, _ code: Int32) -> LogReadError {
        var reason = String(cString: strerror(code))
        // The usual first contact: nothing has failed under the shim yet.
        if code == ENOENT {
            reason += " (nothing recorded there yet? run the program under `forkexplain run -- CMD`, or name the log)"
        }
        return .cannotRead(path: source.displayName, reason: reason)
    }
}
