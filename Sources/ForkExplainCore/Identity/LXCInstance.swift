/// An LXC, LXD or Incus container named by the mounts it sees inside,
/// where a cgroup namespace hides its cgroup lxc.payload.NAME and its
/// hostname may be anything (docs/kernel-facts.md §11.200). LXC pivots into
/// the rootfs directory, so the mountinfo root of `/` is LXCPATH/NAME/rootfs
/// (lxc-create's layout), or on LXD's and Incus's dir and btrfs pools
/// .../storage-pools/POOL/containers/NAME/rootfs; on a ZFS pool the root is
/// /rootfs and the mount source the dataset POOL/containers/NAME; on LVM
/// the device VG-containers_NAME. LXD binds its guest API directory
/// (`devlxd`) at /dev/lxd, Incus its `guestapi` at /dev/incus, and both
/// give the container its name as host name (`lxc.uts.name`) unless told
/// otherwise.
struct LXCInstance: Sendable, Hashable {
    enum Manager: String, Sendable, Hashable {
        case lxc, lxd, incus

        var displayName: String {
            switch self {
            case .lxc: "LXC"
            case .lxd: "LXD"
            case .incus: "Incus"
            }
        }
    }

    /// Nil for LXD's and Incus's storage layout when nothing tells the two apart.
    var manager: Manager?
    var name: String
    /// A project other than `default`: LXD and Incus name the instance's
    /// storage PROJECT_NAME (an instance name is a host name: no `_`).
    var project: String?
    /// What named it, for `sources`.
    var evidence: String

    /// True when the name is the host name, LXD's and Incus's default for
    /// it, with no mount naming the container.
    var namedByHostname = false

    /// `LXD container web1`, `LXD/Incus container web1 (project dev)`,
    /// `LXD container (hostname web1, by default its name)`.
    var label: String {
        let kind = "\(manager?.displayName ?? "LXD/Incus") container"
        if namedByHostname { return kind + " (hostname \(name), by default its name)" }
        return "\(kind) \(name)" + (project.map { " (project \($0))" } ?? "")
    }

    /// From the container section's bind roots, root source and markers.
    /// `lxcMarked`: `container=lxc` or /run/systemd/container says LXC,
    /// without which a bare LXCPATH/NAME/rootfs root is not taken for LXC's.
    static func of(
        bindRoots: [String: String], rootSource: String?, markers: [String], lxcMarked: Bool, hostname: String?
    ) -> LXCInstance? {
        var guestAPI: Manager?
        var evidence: [String] = []
        if markers.contains("/dev/incus") {
            guestAPI = .incus
            evidence.append("Incus's guest API directory /dev/incus")
        } else if markers.contains("/dev/lxd") {
            guestAPI = .lxd
            evidence.append("LXD's guest API directory /dev/lxd")
        }
        let root = bindRoots["/"] ?? ""
        let parts = root.split(separator: "/").map(String.init)
        var storageName: String?
        var plainName: String?
        if parts.count >= 2, parts.last == "rootfs" {
            let candidate = parts[parts.count - 2]
            if parts.count >= 3, parts[parts.count - 3] == "containers" {
                storageName = candidate
            } else {
                plainName = candidate
            }
            evidence.append("root filesystem \(root)")
        } else if root == "/rootfs", let source = rootSource, let name = poolName(source) {
            storageName = name
            evidence.append("root filesystem /rootfs of \(source)")
        }
        let byPath = managerOfPath(root) ?? rootSource.flatMap(managerOfPath)
        let manager = guestAPI ?? byPath
        if let storageName {
            // An LXD/Incus layout is taken when something else says so too.
            guard manager != nil || lxcMarked || root.containsASCII("/storage-pools/") || rootSource != nil else {
                return nil
            }
            let (project, name) = splitProject(storageName)
            return LXCInstance(
                manager: manager, name: name, project: project, evidence: evidence.joined(separator: ", "))
        }
        if let plainName, lxcMarked || guestAPI != nil {
            return LXCInstance(
                manager: guestAPI ?? byPath ?? .lxc, name: plainName, project: nil,
                evidence: evidence.joined(separator: ", "))
        }
        // The guest API alone: the daemon is known, its name for the
        // container is the host name unless the instance sets another.
        if let guestAPI, let hostname, !hostname.isEmpty {
            evidence.append("hostname \(hostname), \(guestAPI.displayName)'s default for the container's name")
            return LXCInstance(
                manager: guestAPI, name: hostname, project: nil, evidence: evidence.joined(separator: ", "),
                namedByHostname: true)
        }
        return nil
    }

    /// `POOL/containers/NAME` (ZFS), `/dev/mapper/VG-containers_NAME` (LVM,
    /// whose device names double a `-`).
    static func poolName(_ source: String) -> String? {
        let parts = source.split(separator: "/").map(String.init)
        if !source.hasPrefix("/"), parts.count >= 3, parts[parts.count - 2] == "containers", let name = parts.last {
            return name
        }
        if source.hasPrefix("/dev/"), let last = parts.last, let range = last.range(of: "-containers_") {
            let name = last[range.upperBound...].replacingOccurrences(of: "--", with: "-")
            return name.isEmpty ? nil : name
        }
        return nil
    }

    /// The daemon's own directory in a path: LXD's snap or package, Incus's.
    static func managerOfPath(_ path: String) -> Manager? {
        if path.containsASCII("/var/lib/incus/") { return .incus }
        if path.containsASCII("/var/snap/lxd/") || path.containsASCII("/var/lib/lxd/") { return .lxd }
        return nil
    }

    static func splitProject(_ storageName: String) -> (String?, String) {
        guard let cut = storageName.lastIndex(of: "_") else { return (nil, storageName) }
        let project = String(storageName[..<cut])
        let name = String(storageName[storageName.index(after: cut)...])
        return project.isEmpty || name.isEmpty ? (nil, storageName) : (project, name)
    }

    /// The fix for the container's own limit: `limits.processes`, applied
    /// to the running container too (its liveupdate is yes), capped by a
    /// project's own `limits.processes` over all its instances; plain
    /// LXC's is its config's key.
    func advice(version: Int?, n: String) -> [String] {
        let scope = (project.map { " --project \($0)" } ?? "")
        let guess =
            namedByHostname
            ? " (\(name) is the container's host name, its name unless the instance sets another: `\(manager == .incus ? "incus" : "lxc") list` on the host names it)"
            : ""
        let projectCap = project.map {
            " Project \($0)'s own `limits.processes`, if set, caps the sum over its instances: `\(manager == .incus ? "incus" : "lxc") project get \($0) limits.processes`."
        }
        switch manager {
        case .lxd?:
            return [
                "LXD container \(name)\(guess): on the host, `lxc config set \(name) limits.processes \(n)\(scope)` (LXD's client is `lxc`; the key applies to the running container too; unset, LXD sets no pids limit, so one here was set by this key, a profile: `lxc config show \(name) --expanded\(scope)`, or by hand).\(projectCap ?? "")"
            ]
        case .incus?:
            return [
                "Incus container \(name)\(guess): on the host, `incus config set \(name) limits.processes \(n)\(scope)` (applies to the running container too; unset, Incus sets no pids limit, so one here was set by this key, a profile: `incus config show \(name) --expanded\(scope)`, or by hand).\(projectCap ?? "")"
            ]
        case .lxc?:
            return [PidsLimitOwner.lxcLine(name, version: version, n: n)]
        case nil:
            return [
                "LXD or Incus container \(name) (its storage layout is theirs; which of the two is not in the record): on the host, `incus config set \(name) limits.processes \(n)\(scope)`, or on LXD `lxc config set \(name) limits.processes \(n)\(scope)`; the key applies to the running container too.\(projectCap ?? "")"
            ]
        }
    }
}
