/// `container`: the raw facts that say whether, and in what, the process is
/// contained (docs/log-format.md). The shim interprets nothing; the identity
/// is worked out in Swift (`ContainerIdentity`).
struct ContainerSnapshot: Sendable, Encodable, Hashable {
    /// `PROC_CGROUP_INIT_INO`: the inode of the initial cgroup namespace.
    static let initialCgroupNamespace: Int64 = 4_026_531_835
    /// `PROC_USER_INIT_INO`: the inode of the initial user namespace.
    static let initialUserNamespace: Int64 = 4_026_531_837

    var cgroupNs: Int64?
    var userNs: Int64?
    /// `/proc/self/uid_map`: [inside, outside, count] triples.
    var uidMap: [[Int64]]?
    /// Which of `/.dockerenv`, `/run/.containerenv`, kubelet's
    /// `/var/run/secrets/kubernetes.io/serviceaccount`, LXD's `/dev/lxd` and
    /// Incus's `/dev/incus` exist.
    var markers: [String]?
    /// The first line of `/run/systemd/container`: the name the container's
    /// manager gave itself (`systemd-nspawn`, `lxc`, `docker`, `podman`).
    var manager: String?
    /// `engine`, `name` and `image` of podman's /run/.containerenv (a
    /// --privileged container's; docs/kernel-facts.md §11.195).
    var containerenv: [String: String]?
    /// `container=` in PID 1's environment (LXC, podman, systemd-nspawn).
    var initContainer: String?
    /// Mount point → mountinfo root of the bind mounts runtimes make
    /// (`/etc/hostname`, `/etc/hosts`, `/etc/resolv.conf`, `/dev/termination-log`,
    /// Nomad's `/alloc` and `/local`), and of `/` when it is not `/` (an LXC
    /// container's rootfs directory).
    var bindRoots: [String: String]?
    /// The mount source of `/` when its root is not `/`: LXD's and Incus's
    /// ZFS dataset POOL/containers/NAME (docs/kernel-facts.md §11.200).
    var rootSource: String?
    /// The /proc files LXCFS stands in for (`fuse.lxcfs` mounts): their
    /// numbers are the container's, not the host's (docs/kernel-facts.md §11.2).
    var lxcfs: [String]?

    // The shim's snake_case names, spelled out: see LogRecord.CodingKeys.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case cgroupNs = "cgroup_ns"
        case userNs = "user_ns"
        case uidMap = "uid_map"
        case markers
        case manager
        case containerenv
        case initContainer = "init_container"
        case bindRoots = "bind_roots"
        case rootSource = "root_source"
        case lxcfs
    }

    /// The mount points whose roots `bind_roots` may carry.
    static let bindMountPoints: Set<String> = [
        "/etc/hostname", "/etc/hosts", "/etc/resolv.conf", "/dev/termination-log", "/alloc", "/local", "/",
    ]

    /// The keys `containerenv` may carry.
    static let containerenvKeys: Set<String> = ["engine", "name", "image"]

    init(cgroupNs: Int64? = nil, userNs: Int64? = nil) {
        self.cgroupNs = cgroupNs
        self.userNs = userNs
    }

    /// True when /proc/loadavg is LXCFS's: its task count is the container's.
    var loadavgIsLXCFS: Bool { lxcfs?.contains("/proc/loadavg") == true }
    /// True when /proc/meminfo is LXCFS's: the container's memory cgroup.
    var meminfoIsLXCFS: Bool { lxcfs?.contains("/proc/meminfo") == true }

    /// True in a cgroup namespace below the initial one: every cgroup path
    /// the process reads is relative to the namespace's root.
    var inCgroupNamespace: Bool? {
        cgroupNs.map { $0 != Self.initialCgroupNamespace }
    }

    /// True in a user namespace below the initial one.
    var inUserNamespace: Bool? {
        if let userNs { return userNs != Self.initialUserNamespace }
        guard let uidMap else { return nil }
        return !(uidMap.count == 1 && uidMap[0] == [0, 0, 4_294_967_295])
    }

    /// The host uid that `uid` (a uid inside the namespace) maps to, when the
    /// uid_map says (docs/kernel-facts.md §6.4: the count RLIMIT_NPROC checks
    /// in the ancestor namespace is that uid's).
    func hostUid(of uid: Int64) -> Int64? {
        for extent in uidMap ?? [] where extent.count == 3 {
            if uid >= extent[0], uid < extent[0] + extent[2] { return extent[1] + (uid - extent[0]) }
        }
        return nil
    }
}
