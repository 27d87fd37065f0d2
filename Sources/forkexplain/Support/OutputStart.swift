import ForkExplainCore

#if canImport(Glibc)
    import Glibc
#endif

/// Where standard output stood when the report began, when it is a
/// regular file (`> report.json`, `>> reports.json`): a JSON report writes
/// its events as they become final, so one that stops later in its logs
/// (a spill failure, `SpillFailure`; a later log found not to be one) had
/// written some; the file is cut back to where it began, and nothing
/// half-written is left (docs/design.md, "Errors" and "`$TMPDIR`"). A pipe
/// or a terminal cannot be taken back: the JSON there stays unclosed, and
/// a spill failure's line says it is a report cut short.
enum OutputStart {
    /// The offset to cut the file back to; nil for a pipe or a terminal.
    nonisolated(unsafe) private static var start: off_t?

    /// What the line adds for a JSON report to a pipe or a terminal.
    static let cutShort =
        "anything it wrote to standard output is this JSON report cut short, never closed: not a report, discard it"

    /// `json`: the report writes as it reads (text and Markdown write
    /// nothing before the end, so a stop leaves nothing to take back).
    static func arm(json: Bool) {
        var info = stat()
        guard fstat(STDOUT_FILENO, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            if json { SpillFailure.outputNote = cutShort }
            return
        }
        let flags = fcntl(STDOUT_FILENO, F_GETFL)
        // Appended to: every write goes to the end, wherever the offset is.
        let start = flags >= 0 && flags & O_APPEND != 0 ? info.st_size : lseek(STDOUT_FILENO, 0, SEEK_CUR)
        guard start >= 0 else { return }
        Self.start = start
        SpillFailure.beforeStop = { OutputStart.takeBack() }
    }

    /// Cuts a regular file back to where the report began: for a report
    /// that stops with an error after writing. Nothing for a pipe.
    static func takeBack() {
        if let start { _ = ftruncate(STDOUT_FILENO, start) }
    }
}
