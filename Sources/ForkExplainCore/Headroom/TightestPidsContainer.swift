/// For `check`: the pids level with the least room when it is a Proxmox
/// VE container's own (lxc/VMID, its payload in lxc/VMID/ns), an ECS
/// task's (the agent's task cgroup), a Nomad task's or Nomad's parent
/// level (made by its client, §11.156), a Kubernetes pod's or a runtime's
/// container level (§11.157) (kubelet's
/// podPidsLimit, shared by the pod's containers): that limit binds first, named with the
/// fix `report` gives a failure there (PidsLimitOwner; docs/kernel-facts.md
/// §11.143, §11.146, §11.147).
struct TightestPidsContainer: Sendable, Hashable {
    var name: String
    var path: String
    var room: Int64
    var fixes: [String]
    /// A pod's level: what its containers hold.
    var pod: KubernetesPod.Share? = nil
    /// A pod's child levels, when `check` could read them on the node.
    var children: PodChildLevels? = nil

    static func of(_ record: LogRecord) -> TightestPidsContainer? {
        let levels = record.cgroups?.pids ?? []
        guard let tightest = TightestPidsUnit.tightest(levels) else { return nil }
        let level = levels[tightest.index]
        guard let path = level.path else { return nil }
        let parts = path.split(separator: "/").map(String.init)
        let identity = ContainerIdentity(record: record)
        // A container's own level seen from inside, shown as / (a cgroup
        // namespace, or the hierarchy mounted at its leaf): what is visible
        // inside names it (bind mounts, /.dockerenv, /run/.containerenv,
        // kubelet's service account mount, /run/systemd/container), and its
        // limit is set outside (docs/kernel-facts.md §11.185, §11.195, §11.196).
        if parts.isEmpty, identity.isContainerView,
            tightest.index == levels.count - 1
        {
            var fixes = PidsLimitOwner.advice(
                place: .containerOwn, path: path, dir: level.dir, version: level.version,
                newMax: PidsLimitOwner.raised(tightest.max), identity: identity)
            // Nomad's advice already says where its limit is set.
            if identity.nomadTask == nil { fixes.insert(setOutside, at: 0) }
            return TightestPidsContainer(
                name: identity.workloadName ?? "this container", path: path, room: tightest.room, fixes: fixes)
        }
        guard let last = parts.last else { return nil }
        let parent = parts.dropLast().last
        let name: String
        let place: PidsLevelPlace
        if parent == "lxc", let vmid = ProxmoxCT.vmid(lxcName: last, hostname: nil) {
            // A path naming lxc/VMID is read from outside the CT's cgroup
            // namespace (inside, the CT's payload is /): the host's, even
            // when `check --pid` reads it for a process in that namespace.
            name = "Proxmox VE CT \(vmid)"
            place = .hostPath
        } else if let task = ECSTask.id(last, parent: parent) {
            name = "ECS task \(task)"
            place = PidsLevelPlace.of(index: tightest.index, in: levels, identity: identity)
        } else if let task = NomadTask.task(last) {
            name = task.label
            place = PidsLevelPlace.of(index: tightest.index, in: levels, identity: identity)
        } else if let nomad = NomadTask.parentLevel(last, parent: parent) {
            name = "Nomad's cgroup \(nomad)"
            place = PidsLevelPlace.of(index: tightest.index, in: levels, identity: identity)
        } else if let uid = KubernetesPod.uid(last, parent: parent) {
            name = "Kubernetes pod \(uid)"
            place = PidsLevelPlace.of(index: tightest.index, in: levels, identity: identity)
        } else if let container = containerName(parts.suffix(3)) {
            name = container
            place = PidsLevelPlace.of(index: tightest.index, in: levels, identity: identity)
        } else {
            return nil
        }
        var fixes = PidsLimitOwner.advice(
            place: place, path: path, dir: level.dir, version: level.version,
            newMax: PidsLimitOwner.raised(tightest.max), identity: identity)
        // The pod's other containers count in its limit (§11.147).
        let pod = KubernetesPod.Share.of(levels, index: tightest.index)
        if let pod { fixes.insert(pod.advice, at: Swift.min(1, fixes.count)) }
        return TightestPidsContainer(name: name, path: path, room: tightest.room, fixes: fixes, pod: pod)
    }

    /// Why the fix is not an `echo` here: the container's own pids.max is
    /// written by its runtime on the host. Inside, the cgroup mount is
    /// read-only (docker, podman, CRI) and on cgroup v2 mounted with
    /// nsdelegate (systemd's default) the kernel refuses, even to root, a
    /// write to the namespace root's pids.max (docs/kernel-facts.md §11.196).
    static let setOutside =
        "This is the container's own pids limit, set outside it by whoever started it: it cannot be raised from inside (the runtime mounts the cgroup files read-only, and on cgroup v2 mounted with nsdelegate the kernel refuses even root a write to the namespace root's pids.max). Raise it where the container is started:"

    /// A container's own level, by the name its runtime gave it: a scope of
    /// runc's systemd driver (`crio-ID.scope`, `docker-ID.scope`; on cgroup
    /// v2 the runtime's pids limit is that scope's TasksMax=, set by the
    /// runtime, not by a unit file) or a bare id (cgroupfs: below a pod's
    /// level, /docker). `parts`: the level's path, its last three parts.
    static func containerName(_ parts: ArraySlice<String>) -> String? {
        guard let last = parts.last else { return nil }
        let clues = IdentityClues.cgroupPath("/" + parts.joined(separator: "/"))
        guard let id = clues.containerId, last.contains(id) else { return nil }
        let name = (clues.runtime.map { $0.displayName + " container " } ?? "container ") + id.prefix(12)
        return clues.podUid.map { name + " (Kubernetes pod \($0))" } ?? name
    }

    /// `the tightest pids level, /lxc/243, is Proxmox VE CT 243's pids limit (room for 0 more)`;
    /// a pod's adds what this container and the others hold.
    var line: String {
        let share = pod.map {
            "; \($0.own) of its \($0.total) tasks in this container, \($0.others) in the pod's other containers"
        }
        return "the tightest pids level, \(path), is \(name)'s pids limit (room for \(room) more\(share ?? ""))"
    }
}
