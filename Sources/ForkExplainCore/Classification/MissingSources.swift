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
        // The common case, asked of every unexplained record: nothing to sort out.
        guard let unreadable = record.unreadable, !unreadable.isEmpty else { return [] }
        let kernel = ReleaseVersion(record.kernel)
        let absent = Set(record.absent ?? [])
        return unreadable.filter { path in
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

    /// Files every kernel this reader knows has (docs/kernel-facts.md §11.5): their absence says the
    /// /proc read was partial (a hand-made tree, a runtime masking paths),
    /// not that the kernel lacks them.
    static let everywhere = [
        "/proc/loadavg", "/proc/meminfo", "/proc/sys/kernel/pid_max", "/proc/sys/kernel/threads-max",
        "/proc/sys/vm/max_map_count",
    ]

    /// The evidence line for such files, if any were not found.
    static func missingLine(for record: LogRecord) -> String? {
        let missing = (record.absent ?? []).filter { path in everywhere.contains { path.hasSuffix($0) } }
        guard !missing.isEmpty else { return nil }
        return
            "not found, though every kernel has them: \(missing.joined(separator: ", ")): this /proc is partial (a hand-made tree, or a runtime masking paths), so no limit is judged from them"
    }

    /// Why no pids cgroup level is in the record (docs/kernel-facts.md §6.14).
    static func noPidsLine(for record: LogRecord) -> String? {
        guard record.cgroups?.pids?.isEmpty ?? true else { return nil }
        if let kernel = ReleaseVersion(record.kernel), kernel < ReleaseVersion(4, 3) {
            return
                "no pids cgroup: kernel \(record.kernel ?? "?") predates the pids controller (4.3), so no pids.max can have refused"
        }
        return
            "no pids cgroup level could be read (no pids hierarchy in /proc/self/mountinfo, or none under /sys/fs/cgroup): a pids.max, if one refused, is not visible from here"
    }
}
