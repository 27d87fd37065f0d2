/// The fix for a full pids level, aimed at the layer that owns it, as a
/// command for the host or the orchestrator (docs/kernel-facts.md §6.15).
/// A file is only offered for `echo` when the process sees the host's
/// cgroup root (the path is the real one); inside a container the mount is
/// read-only or the level is not there at all.
enum PidsLimitOwner {
    static func advice(
        place: PidsLevelPlace, path: String?, dir: String?, version: Int?, newMax: Int64?,
        identity: ContainerIdentity
    ) -> [String] {
        let n = newMax.map(String.init) ?? "N"
        switch place {
        case .hostPath:
            var lines = path.map { ownerOfHostLevel($0, version: version, n: n) } ?? []
            if let dir {
                // No known owner (a cgroup made by hand or by a script):
                // "until its manager writes it again" would name nobody.
                lines.append(
                    lines.isEmpty
                        ? "Raise it, as root on this host: `echo \(n) > \(ShellWord.quoted(dir + "/pids.max"))` (no service manager is known to own this cgroup; if a script or tool made it, change the value it writes too)."
                        : "Immediately (until its manager writes it again), as root on this host: `echo \(n) > \(ShellWord.quoted(dir + "/pids.max"))`."
                )
            }
            return lines
        case .insideContainer:
            if let user = path.flatMap(UserManagerUnit.parse) {
                return user.advice(n: n, place: " inside the container")
            }
            if let unit = SystemdUnit.last(of: path) {
                return [
                    "This level belongs to the init system inside the container: there, \(SystemdUnit.tasksMaxFix(unit, n: n)) systemd's default is DefaultTasksMax=15 % of what the container may hold."
                ]
            }
            return [
                "This level was made inside the container by the process tree's own manager: raise it where that manager creates it."
            ]
        case .containerOwn:
            return ownerOfContainer(identity, version: version, n: n, above: false)
        case .above:
            return ownerOfContainer(identity, version: version, n: n, above: true)
        }
    }

    /// The value a fix proposes for a full level of `max`: twice it, and
    /// at least 64 more.
    static func raised(_ max: Int64) -> Int64 { Swift.max(max * 2, max + 64) }

    /// The knob for a level seen on the host, by the name of that level.
    static func ownerOfHostLevel(_ path: String, version: Int?, n: String) -> [String] {
        let parts = path.split(separator: "/").map(String.init)
        guard let last = parts.last else { return [] }
        let clues = IdentityClues.cgroupPath(path)
        let ownClues = IdentityClues.cgroupPath("/" + (parts.count > 1 ? parts[parts.count - 2] + "/" : "") + last)
        // A pod's container, a runtime's scope or the cgroupfs driver's bare
        // id: podPidsLimit is the pod's level above, named there, not here
        // (§11.147); CRI-O sets this one itself.
        if clues.runtime != .crio, let id = clues.containerId, last.contains(id), parts.count > 1,
            let pod = KubernetesPod.uid(
                parts[parts.count - 2], parent: parts.count > 2 ? parts[parts.count - 3] : nil)
        {
            return [
                KubernetesPod.containerLevelAdvice(pod: pod, podPath: "/" + parts.dropLast().joined(separator: "/"))
            ]
        }
        if let runtime = ownClues.runtime,
            ownClues.containerId != nil || ownClues.machine != nil
                || ownClues.lxcName != nil
        {
            var identity = ContainerIdentity()
            identity.runtime = runtime
            identity.containerId = clues.containerId
            identity.machine = clues.machine
            identity.lxcContainer = clues.lxcName
            identity.podUid = clues.podUid
            identity.nomadParent = clues.nomadParent
            identity.seesHostCgroupRoot = true
            return ownerOfContainer(identity, version: version, n: n, above: false)
        }
        let parent = parts.dropLast().last
        if let task = ECSTask.id(last, parent: parent) {
            return [ECSTask.advice(task: task, n: n)]
        }
        // Nomad's levels are made by its client with mkdir: no unit's TasksMax= (§11.156).
        if let task = NomadTask.task(last) {
            return [NomadTask.taskAdvice(task)]
        }
        if let level = NomadTask.parentLevel(last, parent: parent) {
            return [NomadTask.parentAdvice(level)]
        }
        if let pod = KubernetesPod.uid(last, parent: parent) {
            return kubeletPodLimit(n: n) + [findPod(pod)]
        }
        let kubelet = last.hasPrefix("kubepods") || last.hasPrefix("kubelet-kubepods")
        if kubelet {
            return [
                "This is kubelet's \(last) level: its pids limit comes from node allocatable (`--system-reserved=pid=`/`--kube-reserved=pid=` with `--enforce-node-allocatable=pods`); per pod, kubelet `podPidsLimit`."
            ]
        }
        if let step = BuildKitStep.id(last, parent: parent) {
            return [BuildKitStep.advice(step: step, scope: last.hasSuffix(".scope"))]
        }
        if let user = UserManagerUnit.parse(path) {
            return user.advice(n: n, place: "")
        }
        if let uid = clues.userSliceUid, last == "user-\(uid).slice" {
            return userSlice(uid: uid, n: n)
        }
        if SystemdUnit.isUnit(last) {
            return ["systemd owns this level, unit \(last): \(SystemdUnit.tasksMaxFix(last, n: n))"]
        }
        // Below a service or scope: the subtree systemd delegates to the
        // unit (Delegate=), whose own program made this cgroup
        // (docs/kernel-facts.md §11.170).
        if let unit = parts.dropLast().last(where: { $0.hasSuffix(".service") || $0.hasSuffix(".scope") }) {
            return [delegatedLevel(unit: unit, n: n)]
        }
        return []
    }

    /// A cgroup that a unit's program made in its delegated subtree: its
    /// pids.max is that program's setting, which systemd never writes.
    static func delegatedLevel(unit: String, n: String) -> String {
        "This level is below systemd unit \(unit), in the part of the tree systemd hands to the unit (Delegate=): the program \(unit) runs made this cgroup and wrote its pids.max, and writes it again for every cgroup it makes: change the limit in that program's settings (or have it set none). systemd's TasksMax= for \(unit) caps the unit's whole subtree from above and cannot raise this level."
    }

    static func kubeletPodLimit(n: String) -> [String] {
        [
            "The pod's limit is kubelet's: `podPidsLimit: \(n)` in the KubeletConfiguration (or `--pod-max-pids=\(n)`) on the node, then restart kubelet and recreate the pod; a container cannot raise it from inside."
        ]
    }

    static func findPod(_ uid: String) -> String {
        "Find the pod from the node: `kubectl get pods -A -o custom-columns=NS:.metadata.namespace,NAME:.metadata.name,UID:.metadata.uid | grep \(uid)`."
    }

    static func userSlice(uid: Int64, n: String) -> [String] {
        [
            "The user's slice is logind's: on systemd ≥ 239, `systemctl set-property user-\(uid).slice TasksMax=\(n)` for this user, or a drop-in for `user-.slice` (`[Slice]` `TasksMax=`) for every user; before 239, `UserTasksMax=\(n)` in /etc/systemd/logind.conf."
        ]
    }

    /// The knob of the runtime that made the container, for its own cgroup
    /// (`above` false) or for the level it runs under (`above` true).
    static func ownerOfContainer(_ identity: ContainerIdentity, version: Int?, n: String, above: Bool) -> [String] {
        let id =
            identity.containerId.map { String($0.prefix(12)) } ?? identity.containerName.map(ShellWord.quoted)
            ?? "CONTAINER"
        if identity.isKubernetes || identity.runtime == .containerd {
            var lines: [String] = []
            if above, let node = nodeContainerLine(identity) { lines.append(node) }
            if !above, identity.runtime == .crio {
                lines.append(
                    "This level is the container's own, and CRI-O sets it: `pids_limit = \(n)` in crio.conf (`[crio.runtime]`; OpenShift 4: `pidsLimit` in a ContainerRuntimeConfig); kubelet's `podPidsLimit` is the pod's level above it."
                )
            }
            lines += kubeletPodLimit(n: n)
            if let pod = identity.podUid {
                lines.append(findPod(pod))
            } else if identity.kubernetesMount, let name = identity.hostname {
                lines.append(
                    "Find the pod from the node: `kubectl get pods -A --field-selector metadata.name=\(name)` (a pod's hostname is its name unless it sets spec.hostname)."
                )
            }
            return lines
        }
        switch identity.runtime {
        case .docker?:
            if above, let task = identity.ecsTask {
                return [ECSTask.advice(task: task, n: n)]
            }
            if above {
                return [
                    "Above a docker container sits its cgroup parent: `systemctl set-property docker.service TasksMax=infinity` where containers are counted in docker.service (old setups), or `TasksMax=` of the slice given to `--cgroup-parent`; the container's own limit is `docker update --pids-limit \(n) \(id)`."
                ]
            }
            // Nomad's docker driver: the job's pids_limit (docs/kernel-facts.md §11.158).
            if let task = identity.nomadTask {
                return [NomadTask.dockerAdvice(task, n: n, id: id)]
            }
            return [
                "On the host: `docker update --pids-limit \(n) \(id)` (or `pids_limit:` in compose, `--pids-limit` at `docker run`); the cgroup files inside the container are read-only."
            ]
        case .podman?:
            // Nomad's podman driver (docs/kernel-facts.md §11.159).
            if !above, identity.nomadParent != nil {
                return [NomadTask.podmanAdvice(n: n, id: id)]
            }
            var lines: [String] = []
            if above, let uid = identity.hostUid ?? identity.userSliceUid {
                lines += userSlice(uid: uid, n: n)
                lines.append(
                    "Rootless podman runs under user@\(uid).service: its `TasksMax=` too (`systemctl set-property user@\(uid).service TasksMax=\(n)`)."
                )
            }
            lines.append(
                "podman's own limit: `podman update --pids-limit \(n) \(id)`, `--pids-limit` at `podman run`, or `pids_limit = \(n)` in containers.conf (`[containers]`; default 2048)."
            )
            return lines
        case .containerd?:
            return kubeletPodLimit(n: n)
        case .crio?:
            return [
                "CRI-O: `pids_limit = \(n)` in crio.conf (`[crio.runtime]`), and kubelet `podPidsLimit` for the pod."
            ]
        case .nspawn?:
            // Named by /run/systemd/container rather than by a path, the
            // machine's name is a guess: nspawn's default hostname is it.
            let name = identity.machine ?? identity.hostname ?? "NAME"
            let how =
                identity.machine == nil && identity.hostname != nil
                ? "`machinectl list` names the machine, by default after its hostname, \(name)"
                : "`machinectl list` names the machine"
            // machined gives the scope it creates TasksMax=16384 itself,
            // whatever systemd-nspawn@.service says; --keep-unit keeps a
            // `machinectl start`ed machine in that service instead
            // (docs/kernel-facts.md §11.168).
            return [
                "On the host, by where the machine runs (`systemctl status` of it, or dmesg's \"fork rejected by pids controller in /machine.slice/...\"; \(how)): in machine-\(name).scope, which machined creates with TasksMax=16384 of its own whatever systemd-nspawn@.service says, `systemctl set-property machine-\(name).scope TasksMax=\(n)` (until the machine stops; `systemd-nspawn --property=TasksMax=\(n)` when it starts); in systemd-nspawn@\(name).service (`machinectl start` runs it with --keep-unit), that unit's own TasksMax=16384: `systemctl set-property systemd-nspawn@\(name).service TasksMax=\(n)`, or `TasksMax=` in a drop-in for systemd-nspawn@.service."
            ]
        case .lxc?:
            // LXD's and Incus's own key, for a container their mounts name (§11.200).
            if let instance = identity.lxcInstance, instance.manager != .lxc {
                return instance.advice(version: version, n: n)
            }
            // Proxmox VE names its containers by VMID (docs/kernel-facts.md §11.143).
            if let vmid = ProxmoxCT.vmid(lxcName: identity.lxcContainer, hostname: identity.hostname) {
                return [
                    ProxmoxCT.advice(vmid: vmid, version: version, n: n, live: identity.seesHostCgroupRoot != true)
                ]
            }
            return [
                lxcLine(identity.lxcContainer ?? identity.hostname ?? "NAME", version: version, n: n),
                ProxmoxCT.elsewhere(version: version, n: n),
            ]
        case .buildah?:
            return [BuildahRun.advice(identity, n: n)]
        case nil:
            return unknownRuntime(identity, version: version, n: n, above: above)
        }
    }

    /// A node that is itself a container (minikube, kind): that container's
    /// own pids limit counts every pod on the node (docs/kernel-facts.md §11.10).
    static func nodeContainerLine(_ identity: ContainerIdentity) -> String? {
        guard let runtime = identity.nodeRuntime else { return nil }
        let anonymous = identity.nodeVolume.map(IdentityClues.isContainerId) ?? true
        let volume = identity.nodeVolume.map { anonymous ? "an anonymous volume (\($0.prefix(12)))" : "volume \($0)" }
        let node = anonymous ? "NODE" : identity.nodeVolume ?? "NODE"
        let which = anonymous ? " (`\(runtime.rawValue) ps` names it: kind-control-plane, CLUSTER-worker)" : ""
        if runtime == .podman {
            // A rootless node's podman reads the user's containers.conf.
            let conf =
                identity.userNamespace == true
                ? "~/.config/containers/containers.conf of the user running it" : "/etc/containers/containers.conf"
            return
                "This Kubernetes node is itself a podman container (kubelet's files lie in its \(volume ?? "volume"): minikube or kind with the podman driver), and that container's pids limit counts every pod on the node: podman's default pids_limit is 2048. On the host: `podman update --pids-limit -1 \(node)`\(which) for the running node, and `pids_limit = -1` (or a larger number) under `[containers]` in \(conf) before the node is created again."
        }
        return
            "This Kubernetes node is itself a \(runtime.displayName) container (kubelet's files lie in its \(volume ?? "volume"): minikube or kind), and that container's pids limit, if it has one, counts every pod on the node: on the host `docker update --pids-limit -1 \(node)`\(which), or `docker inspect -f '{{.HostConfig.PidsLimit}}' \(node)` to read it."
    }

    static func lxcLine(_ name: String, version: Int?, n: String) -> String {
        let key = version == 1 ? "lxc.cgroup.pids.max" : "lxc.cgroup2.pids.max"
        return
            "LXC: `\(key) = \(n)` in the container's config (/var/lib/lxc/\(name)/config) and restart it, or live on the host `lxc-cgroup -n \(name) pids.max \(n)`; LXD/Incus: `incus config set \(name) limits.processes \(n)` (`lxc config set` on LXD)."
    }

    /// No id names the runtime (a system container: the cgroup namespace
    /// hides the path, no runtime files are bind-mounted): the owners a
    /// level above or at this container can have, most likely first.
    static func unknownRuntime(_ identity: ContainerIdentity, version: Int?, n: String, above: Bool) -> [String] {
        let name = identity.hostname ?? "NAME"
        var lines = [
            "The runtime is not named by anything visible here; the limit belongs to whoever started this container, on the host:",
            "systemd-nspawn/machined: `systemctl set-property machine-\(name).scope TasksMax=\(n)` (`machinectl list`; the machine is usually named after its hostname, \(name)).",
            lxcLine(name, version: version, n: n),
        ]
        // A hostname CT<VMID> is Proxmox VE's default for a container.
        if let vmid = ProxmoxCT.vmid(lxcName: nil, hostname: identity.hostname) {
            lines.append(ProxmoxCT.advice(vmid: vmid, version: version, n: n, live: true))
        }
        lines += [
            "docker/podman: `docker update --pids-limit \(n) CONTAINER`, podman `--pids-limit` / `pids_limit` in containers.conf; Kubernetes or a kind node: kubelet `podPidsLimit`."
        ]
        if !above {
            lines[0] =
                "The runtime is not named by anything visible here; this container's own limit is set on the host by whoever started it:"
        }
        if let manager = identity.manager {
            lines[0] =
                "/run/systemd/container names the manager \"\(manager)\", whose knob is not known here; "
                + (above
                    ? "the limit belongs to whoever started this container, on the host:"
                    : "this container's own limit is set on the host by whoever started it:")
        }
        return lines
    }
}
