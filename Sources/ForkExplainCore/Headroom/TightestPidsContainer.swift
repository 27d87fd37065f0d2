/// For `check`: the pids level with the least room when it is a Proxmox
/// VE container's own (lxc/VMID, its payload in lxc/VMID/ns): the CT's
/// limit binds first, named with the fix `report` gives a failure there
/// (PidsLimitOwner; docs/kernel-facts.md §11.143).
struct TightestPidsContainer: Sendable, Hashable {
    var name: String
    var path: String
    var room: Int64
    var fixes: [String]

    static func of(_ record: LogRecord) -> TightestPidsContainer? {
        let levels = record.cgroups?.pids ?? []
        guard let tightest = TightestPidsUnit.tightest(levels) else { return nil }
        let level = levels[tightest.index]
        let parts = (level.path ?? "").split(separator: "/").map(String.init)
        guard parts.count >= 2, parts[parts.count - 2] == "lxc",
            let vmid = ProxmoxCT.vmid(lxcName: parts[parts.count - 1], hostname: nil), let path = level.path
        else { return nil }
        // A path naming lxc/VMID is read from outside the CT's cgroup
        // namespace (inside, the CT's payload is /): the host's, even when
        // `check --pid` reads it for a process in that namespace.
        let fixes = PidsLimitOwner.advice(
            place: .hostPath, path: path, dir: level.dir, version: level.version,
            newMax: PidsLimitOwner.raised(tightest.max), identity: ContainerIdentity(record: record))
        return TightestPidsContainer(name: "Proxmox VE CT \(vmid)", path: path, room: tightest.room, fixes: fixes)
    }

    /// `the tightest pids level, /lxc/243, is Proxmox VE CT 243's pids limit (room for 0 more)`
    var line: String { "the tightest pids level, \(path), is \(name)'s pids limit (room for \(room) more)" }
}
