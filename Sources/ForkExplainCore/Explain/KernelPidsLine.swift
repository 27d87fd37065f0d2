/// The kernel's `cgroup: fork rejected by pids controller in PATH`: a
/// pids.max refused a fork from PATH's tasks. The line names the forking
/// cgroup, and the limit is its own or a parent's (docs/kernel-facts.md §1.4,
/// §10.10), so the fix is offered for each level, by its owner.
enum KernelPidsLine {
    static let marker = "fork rejected by pids controller in "

    static func cause(in line: String) -> KnownCause? {
        guard let range = line.range(of: marker) else { return nil }
        let path = String(line[range.upperBound...].prefix { !$0.isWhitespace })
        guard path.hasPrefix("/"), let cause = CauseCatalog.causes["cgroup_pids_limit"] else { return nil }
        let levels = levels(of: path)
        var fixes: [String] = []
        for level in levels {
            for advice in PidsLimitOwner.ownerOfHostLevel(level, version: nil, n: "N")
            where !fixes.contains(where: {
                $0.hasSuffix(advice)
            }) {
                fixes.append("`\(level)`: \(advice)")
            }
        }
        if fixes.isEmpty {
            fixes = [
                "No manager is named by this path: raise pids.max where it is set (`echo N > /sys/fs/cgroup/LEVEL/pids.max` as root), and in the tool that made that level, which may write it back."
            ]
        }
        return KnownCause(
            cause: cause,
            summary: "EAGAIN to a fork or clone", kind: .unknown, errno: "EAGAIN",
            reason:
                "the kernel refused a fork or clone from the tasks of \(path): a pids.max was reached there or in a parent. The line names the forking cgroup, not the limiting one, and is printed once per cgroup, at the first refusal.",
            checks: [levelsCheck(path)],
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
