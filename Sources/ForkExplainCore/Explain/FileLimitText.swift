/// An ENOSPC, EMFILE or ENFILE from a file, a directory or an inotify
/// watch: no task was refused. ENOSPC from clone is pid_max on 4.15 to
/// 4.18 or a namespace count, but from a write or an open it is a full
/// filesystem, and from inotify_add_watch the user's watch limit
/// (docs/kernel-facts.md §11.121).
enum FileLimitText: Sendable, Equatable {
    /// `No space left on device` from a write, an open, a copy.
    case diskFull
    /// inotify_add_watch's ENOSPC: fs.inotify.max_user_watches (or the
    /// user namespace's max_inotify_watches) reached.
    case inotifyWatches
    /// inotify_init's EMFILE: fs.inotify.max_user_instances reached.
    case inotifyInstances
    /// EMFILE (the process's RLIMIT_NOFILE) or ENFILE (fs.file-max).
    case openFiles(errno: String)

    /// The reading of a text whose only errnos are these, with no word
    /// of creating a task; nil otherwise.
    static func read(_ lower: String, errnos: [String]) -> FileLimitText? {
        let inotify = inotifyWords.contains(where: lower.contains)
        if inotify, errnos.isEmpty || errnos == ["ENOSPC"] { return .inotifyWatches }
        guard !errnos.isEmpty, errnos.allSatisfy(["ENOSPC", "EMFILE", "ENFILE"].contains) else { return nil }
        if inotify || lower.contains("inotify") {
            return errnos.contains("ENOSPC") ? .inotifyWatches : .inotifyInstances
        }
        if let other = errnos.first(where: { $0 != "ENOSPC" }) { return .openFiles(errno: other) }
        return fileWords.contains(where: lower.contains) ? .diskFull : nil
    }

    /// inotify's own words, and the texts that name its watches without
    /// it: tail's, inotifywait's, systemd's, and Node's (VS Code, webpack,
    /// jest): `ENOSPC: System limit for number of file watchers reached`.
    static let inotifyWords = [
        "inotify_add_watch", "inotify watch", "inotify resources exhausted", "upper limit on inotify watches",
        "file watchers", "directory watch", "inotify instance",
    ]

    /// Words of a write, an open, a copy or a disk; a clone or a namespace
    /// has none of them (`unshare failed: No space left on device`).
    static let fileWords = [
        "write", "writing", "written", "open", "mkdir", "copy", "copying", "cp:", "disk", "tar:", "dd:",
        "rsync", "cannot create", "can't create", "create directory", "rename", "fsync", "flush",
        "file system", "filesystem", "extract", "/tmp", "/var/", "temp file", "save", "download", "pull",
    ]
}
