#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A spill file that fails once entries are on it: the report cannot go on
/// (its counts would be wrong without them) and cannot get them back, so it
/// stops, with status 2 as for a log it cannot read, and one line that says
/// what failed and what to do about that failure (docs/design.md,
/// "$TMPDIR"): room for a write, another filesystem for a read the disk
/// failed, and for a file cut short or changed from outside (the files are
/// unlinked: only their open descriptors, /proc/PID/fd, reach them) to
/// leave them alone. Thrown where a caller can stop cleanly (`EventSpool`'s
/// texts), `stop()`ped where it cannot (a table's lookup).
public struct SpillFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Cause: Sendable, Equatable {
        /// A write (or the copy a change needed) failed: the errno's text.
        case write(String)
        /// The filesystem failed a read: the errno's text.
        case read(String)
        /// A read ended before what was written there: the file was truncated.
        case cutShort
        /// What was read back is not what was written (`SpillSeal`).
        case changed
    }

    /// What the file held: "its table of processes", ...
    public var what: String
    public var directory: String
    public var cause: Cause

    public init(_ what: String, directory: String, cause: Cause) {
        self.what = what
        self.directory = directory
        self.cause = cause
    }

    /// One line, meant to follow `forkexplain: `.
    public var description: String {
        let file = "its temporary file in \(directory)"
        switch cause {
        case .write(let reason):
            return
                "the report stopped: cannot write \(what) to \(file): \(reason); set TMPDIR to a directory with room and run it again"
        case .read(let reason):
            return
                "the report stopped: cannot read back \(what) from \(file): \(reason); the filesystem failed the read: run it again with TMPDIR on another filesystem"
        case .cutShort:
            return
                "the report stopped: \(what) in \(file) was cut short from outside the report (a read ended before what it wrote); run it again, and let nothing truncate the report's open files"
        case .changed:
            return
                "the report stopped: \(what) in \(file) was changed from outside the report (what it read back is not what it wrote); run it again, and let nothing write to the report's open files"
        }
    }

    /// Run before the line: the command takes back what it already wrote
    /// of a report that cannot be finished (a JSON report's events written
    /// before the failure, to a file). Set once, before the report reads.
    nonisolated(unsafe) public static var beforeStop: (@Sendable () -> Void)?

    /// Said at the end of the line when what the command already wrote of
    /// the report cannot be taken back (a JSON report's events, to a pipe
    /// or a terminal): that it is a report cut short. Set once, before the
    /// report reads.
    nonisolated(unsafe) public static var outputNote: String?

    /// The line on standard error, then exit status 2: `_exit`, not
    /// `exit`, as the decoding threads may still be running, and exit's
    /// handlers destroy the C++ decoder's statics under them: with `exit`,
    /// 5 of 120 runs of scenario 255's cases wrote "pure virtual method
    /// called" after the line, 3 of them aborting (status 134); with
    /// `_exit`, none of 120 (docs/performance.md, "The spill's files
    /// checked"). Nothing is buffered to flush: standard output is
    /// written by `write`, and what the JSON writer holds must not go out.
    public func stop() -> Never {
        Self.beforeStop?()
        let bytes = Array("forkexplain: \(description)\(Self.outputNote.map { "; " + $0 } ?? "")\n".utf8)
        _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        _exit(2)
    }

    static func lastError() -> String { String(cString: strerror(errno)) }
}
