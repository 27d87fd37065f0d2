#if canImport(Glibc)
    import Glibc
#endif

/// Reports go to stdout; diagnostics, and `run`'s report, to stderr.
enum StandardError {
    /// A closed or full stderr is ignored: a diagnostic that cannot be shown
    /// must not change the exit status (`run` returns its command's).
    static func write(_ text: String) {
        let line = text.hasSuffix("\n") ? text : text + "\n"
        _ = FileDescriptorWriter.write(line, to: STDERR_FILENO)
    }
}
