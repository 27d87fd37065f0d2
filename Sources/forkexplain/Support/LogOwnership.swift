import ForkExplainCore

#if canImport(Glibc)
    import Glibc
#endif

/// Who may have written a log. The default path is in /tmp, where another
/// user can create it first and then read or forge what lands there.
enum LogOwnership {
    /// One warning line per log owned by neither this reader's euid nor root.
    /// The log is still read: the warning says how far to trust it.
    /// A file of a per-node directory (in `fromDirectory`) answers to the
    /// uid its name gives, or to root: every user writes their own there.
    static func warnAboutForeign(_ files: [LogFileSummary], fromDirectory: [String: LogDirectory.Entry] = [:]) {
        let euid = geteuid()
        for file in files {
            guard let owner = file.owner, owner != 0 else { continue }
            if let entry = fromDirectory[file.path] {
                guard owner != entry.namedUID else { continue }
                let named =
                    entry.namedUID.map { "by uid \($0), whose log its name says it is, or by root" } ?? "by root"
                StandardError.write(
                    "forkexplain: warning: \(file.path) is owned by uid \(owner), not \(named): "
                        + "that user could have written or forged its records")
                continue
            }
            guard owner != euid else { continue }
            StandardError.write(
                "forkexplain: warning: \(file.path) is owned by uid \(owner), not by you (uid \(euid)) or root: "
                    + "that user could have written or forged its records")
        }
    }

    /// Why the shim would refuse a per-node directory (docs/log-format.md,
    /// "Per-node directory"); nil when it would write there.
    static func unsafeDirectoryReason(_ directory: String) -> String? {
        var info = stat()
        guard lstat(directory, &info) == 0 else { return nil }  // said by unwritableReason
        guard info.st_mode & S_IFMT == S_IFDIR else { return "\(directory) is not a directory" }
        if info.st_uid != 0, info.st_uid != geteuid() {
            return "the directory \(directory) is owned by uid \(info.st_uid), not root or uid \(geteuid())"
        }
        if info.st_mode & (S_IWGRP | S_IWOTH) != 0, info.st_mode & S_ISVTX == 0 {
            return "the directory \(directory) is writable by other users and not sticky (chmod 1777)"
        }
        return nil
    }

    /// Why the shim, running as this euid, could not have written `path`
    /// at all; nil when it could have. The shim writes only a regular file,
    /// never through a symlink (docs/log-format.md).
    static func unwritableReason(_ path: String) -> String? {
        let euid = geteuid()
        var info = stat()
        if lstat(path, &info) != 0 {
            guard errno == ENOENT else { return "\(path): \(String(cString: strerror(errno)))" }
            let directory = LogLocation.directory(of: path)
            guard faccessat(AT_FDCWD, directory, W_OK | X_OK, AT_EACCESS) != 0 else { return nil }
            return "cannot create it in \(directory) as uid \(euid): \(String(cString: strerror(errno)))"
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            return "\(path) is \(LogReadError.kind(of: info.st_mode)), not a log file"
        }
        return nil
    }

    /// Why records may be missing from an existing regular log: the shim
    /// refuses a file its writer does not own (docs/log-format.md).
    static func foreignOwnerReason(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_uid != geteuid() else { return nil }
        return "\(path) is owned by uid \(info.st_uid), not by uid \(geteuid())"
    }
}
