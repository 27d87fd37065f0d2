/// What the shim could not read, kept apart from what the kernel did not
/// have (docs/kernel-facts.md §6.14): a file that did not exist on that
/// kernel is not "could not be read". The shim lists ENOENT paths in
/// `absent`; older shims put them in `unreadable`, so those are also
/// matched against the release that added each file.
enum MissingSources {
    /// Files that appeared in a later kernel, by the end of their path.
    static let introduced: [(suffix: String, release: ReleaseVersion)] = [
        ("/ns/pid_for_children", ReleaseVersion(4, 12)),
        // Cgroup namespaces came in 4.6 (not yet listed in §6.14).
        ("/ns/cgroup", ReleaseVersion(4, 6)),
        ("/proc/sys/vm/overcommit_kbytes", ReleaseVersion(3, 14)),
        ("/pids.max", ReleaseVersion(4, 3)),
        ("/pids.current", ReleaseVersion(4, 3)),
        ("/pids.events", ReleaseVersion(4, 8)),
        ("/pids.peak", ReleaseVersion(6, 1)),
        ("/pids.events.local", ReleaseVersion(6, 11)),
        ("/memory.peak", ReleaseVersion(5, 19)),
    ]

    /// Paths that failed for a reason other than not existing yet.
    static func unreadable(in record: LogRecord) -> [String] {
        let kernel = ReleaseVersion(record.kernel)
        let absent = Set(record.absent ?? [])
        return (record.unreadable ?? []).filter { path in
            !absent.contains(path) && !predatesFile(path, kernel: kernel)
        }
    }

    /// True when `path` is a file the kernel of the record did not have.
    static func predatesFile(_ path: String, kernel: ReleaseVersion?) -> Bool {
        guard let kernel else { return false }
        return introduced.contains { path.hasSuffix($0.suffix) && kernel < $0.release }
    }

    /// The evidence line for the really unreadable sources, if any.
    static func line(for record: LogRecord) -> String? {
        let paths = unreadable(in: record)
        guard !paths.isEmpty else { return nil }
        return "could not be read by the shim: \(paths.joined(separator: ", "))"
    }
}
