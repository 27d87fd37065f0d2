/// What one path (a cgroup path, a cgroup mount root, a bind mount's root)
/// says about the workload. Paths are read component by component; the
/// names are those the runtimes and systemd give their cgroups and files.
struct IdentityClues: Sendable, Hashable {
    var runtime: ContainerRuntime?
    var containerId: String?
    var podUid: String?
    var qos: KubernetesQoS?
    var kubernetesContainer: String?
    var machine: String?
    var lxcName: String?
    /// An Amazon ECS task's id, from its task cgroup (ECSTask).
    var ecsTask: String?
    var buildKitStep: String?
    /// A HashiCorp Nomad task's own cgroup (NomadTask).
    var nomadTask: NomadTask.Task?
    /// A container's scope right below Nomad's cgroup parent: Nomad's
    /// podman driver on cgroup v2 (NomadTask.podmanAdvice).
    var nomadParent: String?
    var unit: String?
    var slice: String?
    var userSliceUid: Int64?
    /// A kubelet whose files lie in a container volume runs in a container
    /// itself (minikube, kind): that node container's runtime and volume.
    var nodeRuntime: ContainerRuntime?
    var nodeVolume: String?

    /// Clues of a cgroup path: `/kubepods.slice/kubepods-burstable.slice/
    /// kubepods-burstable-pod<uid>.slice/cri-containerd-<id>.scope`, `/docker/<id>`,
    /// `/machine.slice/machine-NAME.scope`, `/lxc.payload.NAME`, ...
    static func cgroupPath(_ path: String) -> IdentityClues {
        var clues = IdentityClues()
        let parts = path.split(separator: "/").map(String.init)
        for (index, part) in parts.enumerated() {
            let parent = index > 0 ? parts[index - 1] : nil
            clues.readCgroupComponent(part, parent: parent)
        }
        return clues
    }

    private mutating func readCgroupComponent(_ part: String, parent: String?) {
        // Runtime scopes of the systemd cgroup driver.
        for (prefix, runtime) in Self.scopePrefixes {
            if let id = Self.between(part, prefix, ".scope"), Self.isContainerId(id) {
                self.runtime = runtime
                containerId = id
                if parent == "nomad.slice" { nomadParent = parent }
                return
            }
        }
        // A BuildKit RUN step's own cgroup (docs/kernel-facts.md §11.149).
        if let step = BuildKitStep.id(part, parent: parent) {
            buildKitStep = step
            return
        }
        // The Nomad client's cgroup of one task (docs/kernel-facts.md §11.156).
        if let task = NomadTask.task(part) {
            nomadTask = task
            return
        }
        // The ECS agent's task level, and on v1 a task's container below it.
        if let task = ECSTask.id(part, parent: parent) {
            ecsTask = task
            return
        }
        if let ecsTask, parent == ecsTask, Self.isContainerId(part) {
            runtime = .docker
            containerId = part
            return
        }
        // The cgroupfs driver: /docker/<id>, /libpod_parent/libpod-<id>.
        if parent == "docker", Self.isContainerId(part) {
            runtime = .docker
            containerId = part
            return
        }
        if parent == "libpod_parent", let id = part.hasPrefix("libpod-") ? String(part.dropFirst(7)) : nil,
            Self.isContainerId(id)
        {
            runtime = .podman
            containerId = id
            return
        }
        // kubelet: QoS levels and pod levels of both drivers; a kubelet
        // with a cgroup root of its own (kind nodes: --cgroup-root=/kubelet)
        // prefixes its slices with kubelet-.
        if part.hasPrefix("kubepods") || part.hasPrefix("kubelet-kubepods") {
            readKubepodsSlice(part.hasPrefix("kubelet-") ? String(part.dropFirst("kubelet-".count)) : part)
            return
        }
        if parent == "kubepods" || parent == "burstable" || parent == "besteffort" {
            if part == "burstable" || part == "besteffort" {
                qos = KubernetesQoS(rawValue: part)
                return
            }
            if part.hasPrefix("pod") {
                podUid = String(part.dropFirst(3))
                if parent == "kubepods" { qos = .guaranteed }
                return
            }
        }
        if let podUid, containerId == nil, parent.map({ $0 == "pod" + podUid }) == true, Self.isContainerId(part) {
            containerId = part
            return
        }
        // machined registers nspawn containers (and VMs) as machine-NAME.scope.
        if let name = Self.between(part, "machine-", ".scope") {
            runtime = .nspawn
            machine = Self.unescapeSystemd(name)
            return
        }
        // LXC 4+: lxc.payload.NAME; older: /lxc/NAME.
        if part.hasPrefix("lxc.payload.") {
            runtime = .lxc
            lxcName = String(part.dropFirst("lxc.payload.".count))
            return
        }
        if parent == "lxc" || parent == "lxc.payload" {
            runtime = .lxc
            lxcName = part
            return
        }
        if let uid = Self.between(part, "user-", ".slice").flatMap({ Int64($0) }) {
            userSliceUid = uid
        }
        if part.hasSuffix(".slice") {
            slice = part
        } else if part.hasSuffix(".service") || part.hasSuffix(".scope") {
            unit = part
        }
    }

    /// `kubepods.slice`, `kubepods-burstable.slice`, `kubepods-pod<uid>.slice`,
    /// `kubepods-besteffort-pod<uid>.slice` (systemd driver: `-` in a slice
    /// name means nesting, so the uid's dashes are written as underscores).
    private mutating func readKubepodsSlice(_ part: String) {
        guard let body = Self.between(part, "kubepods", ".slice") else { return }
        var rest = body
        for qos in [KubernetesQoS.burstable, .besteffort] where rest.hasPrefix("-\(qos.rawValue)") {
            self.qos = qos
            rest = String(rest.dropFirst(qos.rawValue.count + 1))
        }
        if rest.hasPrefix("-pod") {
            podUid = rest.dropFirst(4).replacingOccurrences(of: "_", with: "-")
            if qos == nil { qos = .guaranteed }
        }
    }

    /// Clues of a bind mount's root: `/var/lib/docker/containers/<id>/hostname`,
    /// `/var/lib/kubelet/pods/<uid>/etc-hosts`, `/var/lib/kubelet/pods/<uid>/
    /// containers/<name>/...`, `.../overlay-containers/<id>/userdata/hostname`,
    /// `/var/lib/containerd/io.containerd.grpc.v1.cri/sandboxes/<id>/hostname`.
    /// `point` is the mount point, when known: Nomad's /alloc and /local
    /// name the task by their root whatever its first directories are.
    static func bindRoot(_ path: String, point: String? = nil) -> IdentityClues {
        var clues = IdentityClues()
        let parts = path.split(separator: "/").map(String.init)
        clues.nomadTask = NomadTask.task(bindRoot: parts, point: point)
        for index in parts.indices.dropLast() {
            let part = parts[index]
            let next = parts[index + 1]
            let previous = index > 0 ? parts[index - 1] : nil
            if part == "containers", previous == "docker", isContainerId(next) {
                clues.runtime = .docker
                clues.containerId = next
            } else if part == "pods", previous == "kubelet" {
                clues.podUid = next
            } else if part == "containers", clues.podUid != nil, previous == clues.podUid {
                clues.kubernetesContainer = next
            } else if part == "overlay-containers" || part == "vfs-containers", isContainerId(next) {
                // containers/storage: podman's, or CRI-O's under a kubelet.
                clues.runtime = .podman
                clues.containerId = next
            } else if part.hasPrefix("io.containerd."), next == "sandboxes" || next == "k8s.io" {
                clues.runtime = .containerd
            } else if part == "volumes", index + 2 < parts.count, parts[index + 2] == "_data",
                path.contains("/_data/lib/kubelet/")
            {
                // podman's /var/lib/containers/storage/volumes/NAME/_data,
                // docker's /var/lib/docker/volumes/NAME/_data.
                clues.nodeRuntime = previous == "docker" ? .docker : .podman
                clues.nodeVolume = next
            }
        }
        return clues
    }

    /// Fills what `self` lacks from `other`.
    mutating func merge(_ other: IdentityClues) {
        runtime = runtime ?? other.runtime
        containerId = containerId ?? other.containerId
        podUid = podUid ?? other.podUid
        qos = qos ?? other.qos
        kubernetesContainer = kubernetesContainer ?? other.kubernetesContainer
        machine = machine ?? other.machine
        lxcName = lxcName ?? other.lxcName
        ecsTask = ecsTask ?? other.ecsTask
        buildKitStep = buildKitStep ?? other.buildKitStep
        if nomadTask?.name == nil, let task = other.nomadTask, task.name != nil || nomadTask == nil { nomadTask = task }
        unit = unit ?? other.unit
        slice = slice ?? other.slice
        userSliceUid = userSliceUid ?? other.userSliceUid
        nomadParent = nomadParent ?? other.nomadParent
        nodeRuntime = nodeRuntime ?? other.nodeRuntime
        nodeVolume = nodeVolume ?? other.nodeVolume
    }

    var isEmpty: Bool { self == IdentityClues() }

    static let scopePrefixes: [(String, ContainerRuntime)] = [
        ("docker-", .docker), ("cri-containerd-", .containerd), ("crio-conmon-", .crio), ("crio-", .crio),
        ("libpod-conmon-", .podman), ("libpod-", .podman),
    ]

    /// Runtimes name containers by 64 hex digits; 12 is docker's short form.
    static func isContainerId(_ text: String) -> Bool {
        text.count >= 12 && text.count <= 64 && text.allSatisfy(\.isHexDigit)
    }

    static func between(_ text: String, _ prefix: String, _ suffix: String) -> String? {
        guard text.hasPrefix(prefix), text.hasSuffix(suffix), text.count > prefix.count + suffix.count else {
            return nil
        }
        return String(text.dropFirst(prefix.count).dropLast(suffix.count))
    }

    /// An id a platform names a cgroup by: `PREFIXidSUFFIX` (a systemd
    /// unit's name), or `id` itself under a level named `under`.
    static func platformId(
        _ part: String, parent: String?, prefix: String, suffix: String, under: String, valid: (String) -> Bool
    ) -> String? {
        if let id = between(part, prefix, suffix), valid(id) { return id }
        return parent == under && valid(part) ? part : nil
    }

    /// systemd escapes `-` in unit names as `\x2d`.
    static func unescapeSystemd(_ name: String) -> String {
        name.replacingOccurrences(of: "\\x2d", with: "-")
    }
}
