/// `cgroups.pids_mount`, `cgroups.memory_mount`: the mount the shim read a
/// controller through (docs/log-format.md). `root` is the mountinfo root
/// field: "/" on the host view, the container's own cgroup when a runtime
/// bind-mounted its leaf.
struct CgroupMount: Sendable, Encodable, Hashable {
    var version: Int?
    var mount: String?
    var root: String?
    /// v2 only: the mount has `pids_localevents` (docs/kernel-facts.md §6.6).
    var localEvents: Bool?

    // The shim's snake_case names, spelled out: see LogRecord.CodingKeys.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case version, mount, root
        case localEvents = "local_events"
    }

    init(version: Int? = nil, mount: String? = nil, root: String? = nil, localEvents: Bool? = nil) {
        self.version = version
        self.mount = mount
        self.root = root
        self.localEvents = localEvents
    }

    /// True when the mount shows a cgroup below the hierarchy's root as its
    /// top: what the process sees as "/" there is not the host's root. A root
    /// starting `/..` is a host mount inherited into a cgroup namespace
    /// (docs/log-format.md): it shows nothing of the process's cgroup.
    var isRootedBelowHost: Bool? {
        root.map { $0 != "/" && !$0.hasPrefix("/..") }
    }
}
