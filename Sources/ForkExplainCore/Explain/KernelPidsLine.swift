/// The kernel's `cgroup: fork rejected by pids controller in PATH`: a
/// pids.max refused a fork from PATH's tasks. The line names the forking
/// cgroup, and the limit is its own or a parent's (docs/kernel-facts.md §1.4,
/// §10.10), so the fix is offered for each level, by its owner.
enum KernelPidsLine {
    static let marker = "fork rejected by pids controller in "

    static func cause(in line: String) -> KnownCause? {
        cause(paths: path(in: line).map { [$0] } ?? [])
    }

    /// The cgroup a line names, if it is the kernel's pids line.
    static func path(in line: String) -> String? {
        guard let range = line.range(of: marker) else { return nil }
        let path = String(line[range.upperBound...].prefix { !$0.isWhitespace })
        return path.hasPrefix("/") ? path : nil
    }

    /// One cause for every cgroup the lines name (a dmesg holds one line
    /// per refused cgroup): each level's owner once.
    static func cause(paths: [String]) -> KnownCause? {
        guard !paths.isEmpty, let cause = CauseCatalog.causes["cgroup_pids_limit"] else { return nil }
        var fixes: [String] = []
        for level in paths.flatMap(levels) {
            for advice in PidsLimitOwner.ownerOfHostLevel(level, version: nil, n: "N")
            where !fixes.contains(where: { $0.hasSuffix(advice) }) {
                fixes.append("`\(level)`: \(advice)")
            }
        }
        if fixes.isEmpty {
            fixes = [
                "No manager is named by this path: raise pids.max where it is set (`echo N > /sys/fs/cgroup/LEVEL/pids.max` as root), and in the tool that made that level, which may write it back."
            ]
        }
        let named =
            paths.count == 1 ? paths[0] : paths.dropLast().joined(separator: ", ") + " and " + (paths.last ?? "")
        return KnownCause(
            cause: cause,
            summary: "EAGAIN to a fork or clone", kind: .unknown, errno: "EAGAIN",
            reason:
                "the kernel refused a fork or clone from the tasks of \(named): a pids.max was reached there or in a parent. The kernel names the forking cgroup, not the limiting one, and only at the first refusal in each cgroup.",
            checks: paths.map(levelsCheck),
            fixes: fixes)
    }

    /// PATH, then each parent up to the root's child.
    static func levels(of path: String) -> [String] {
        var parts = path.split(separator: "/").map(String.init)
        var levels: [String] = []
        while !parts.isEmpty {
            levels.append("/" + parts.joined(separator: "/"))
            parts.removeLast()
        }
        return levels
    }

    /// pids.max and pids.current of every level, v2 or else v1's pids
    /// hierarchy. The path is quoted: unit names escape "-" as `\x2d`.
    private static func levelsCheck(_ path: String) -> String {
        let quoted = "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
        return
            "p=\(quoted); while [ -n \"$p\" ]; do d=/sys/fs/cgroup$p; [ -e \"$d/pids.max\" ] || d=/sys/fs/cgroup/pids$p; echo \"$p: max $(cat \"$d/pids.max\") current $(cat \"$d/pids.current\")\"; p=${p%/*}; done"
    }
}
