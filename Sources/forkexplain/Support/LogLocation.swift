import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where the shim writes when told nothing: `$FORKEXPLAIN_LOG`, else
/// `/tmp/forkexplain-<euid>.jsonl` (docs/log-format.md).
enum LogLocation {
    static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["FORKEXPLAIN_LOG"], !path.isEmpty { return path }
        return "/tmp/forkexplain-\(geteuid()).jsonl"
    }

    /// The size of a log now, so a later read can start where it ended.
    static func size(of path: String) -> UInt64 {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        return UInt64(info.st_size)
    }

    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }
}
