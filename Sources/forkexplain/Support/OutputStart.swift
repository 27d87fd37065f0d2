import ForkExplainCore

#if canImport(Glibc)
    import Glibc
#endif

/// Where standard output stood when the report began, when it is a
/// regular file (`> report.json`, `>> reports.json`): a JSON report writes
/// its events as they become final, so one that stops on a spill failure
/// (`SpillFailure`) later in its log had written some; the file is cut back
/// to where it began, and nothing half-written is left (docs/design.md,
/// "`$TMPDIR`"). A pipe or a terminal cannot be taken back.
enum OutputStart {
    static func arm() {
        var info = stat()
        guard fstat(STDOUT_FILENO, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return }
        let flags = fcntl(STDOUT_FILENO, F_GETFL)
        // Appended to: every write goes to the end, wherever the offset is.
        let start = flags >= 0 && flags & O_APPEND != 0 ? info.st_size : lseek(STDOUT_FILENO, 0, SEEK_CUR)
        guard start >= 0 else { return }
        SpillFailure.beforeStop = { _ = ftruncate(STDOUT_FILENO, start) }
    }
}
