#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A spill file that fails once entries are on it: the report cannot go on
/// (its counts would be wrong without them) and cannot get them back, so it
/// stops, with status 2 as for a log it cannot read, and says what to
/// change instead of trapping.
enum SpillFailure {
    static func stop(_ what: String, directory: String, reason: String) -> Never {
        let line =
            "forkexplain: the report stopped: cannot \(what) in its temporary file in \(directory): \(reason); set TMPDIR to a directory with room and run it again\n"
        let bytes = Array(line.utf8)
        _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        exit(2)
    }

    static func lastError() -> String { String(cString: strerror(errno)) }
}
