/// Who the failing process is, as its record shows it: host or container,
/// which runtime, which ids, which systemd unit, and whether the cgroup
/// paths it read are the host's or its container's own
/// (docs/kernel-facts.md §6.15, §6.21). Worked out here, not in the shim,
/// which records raw facts only (docs/log-format.md, `container`).
struct ContainerIdentity: Sendable, Hashable, Encodable {
    var runtime: ContainerRuntime?
    var containerId: String?
    var podUid: String?
    var qosClass: KubernetesQoS?
    var kubernetesContainer: String?
    var machine: String?
    var lxcContainer: String?
    /// The LXC, LXD or Incus container the mounts inside name (not encoded: `sources` says so).
    var lxcInstance: LXCInstance?
    /// The Amazon ECS task the cgroup path names (not encoded: `sources` says so).
    var ecsTask: String?
    /// The BuildKit RUN step the cgroup path names (not encoded).
    var buildKitStep: String?
    /// The Nomad task the cgroup path names (not encoded).
    var nomadTask: NomadTask.Task?
    /// Nomad's cgroup parent, when the container's scope is right below it (not encoded).
    var nomadParent: String?
    var systemdUnit: String?
    var systemdSlice: String?
    var userSliceUid: Int64?
    var cgroupNamespace: Int64?
    var inCgroupNamespace: Bool?
    /// The mountinfo root of the pids (else memory) cgroup mount.
    var cgroupMountRoot: String?
    /// The process's own pids (else memory) cgroup, as it read it.
    var cgroupPath: String?
    /// True when the paths read are the host's: the initial cgroup namespace
    /// and a cgroup mount rooted at "/".
    var seesHostCgroupRoot: Bool?
    var userNamespace: Bool?
    /// The host uid the process's real uid maps to (uid_map).
    var hostUid: Int64?
    var markers: [String]?
    /// What /run/systemd/container says the container's manager is.
    var manager: String?
    /// The name and image podman's /run/.containerenv gives a --privileged
    /// container (not encoded: `sources` says so; docs/kernel-facts.md §11.195).
    var containerName: String?
    var image: String?
    /// `engine` of a /run/.containerenv buildah's RUN wrote (not encoded: `sources` says so).
    var buildahEngine: String?
    /// kubelet's service account mount is there but no path names the pod
    /// (not encoded: `sources` says so).
    var kubernetesMount = false
    /// `container=` in PID 1's environment (not encoded: `sources` says so).
    var initContainer: String?
    /// The host name the process sees (a container's, when it has its own UTS namespace).
    var hostname: String?
    /// The runtime and volume of the container the Kubernetes node itself
    /// runs in (minikube, kind), when kubelet's bind mounts come from one.
    var nodeRuntime: ContainerRuntime?
    var nodeVolume: String?
    /// The VM or sandbox the Linux runs in, when the record names it
    /// (GuestVM: WSL, Docker Desktop, gVisor, Colima, Lambda).
    var vm: GuestVM.Platform?
    /// Where each fact came from, for the reader to check.
    var sources: [String]?
    /// The runtime was named by a marker file alone (not encoded: `sources` says so).
    private var runtimeFromMarkersOnly = false

    private enum CodingKeys: String, CodingKey {
        case runtime, containerId, podUid, qosClass, kubernetesContainer, machine, lxcContainer, systemdUnit
        case systemdSlice, userSliceUid, cgroupNamespace, inCgroupNamespace, cgroupMountRoot, cgroupPath
        case seesHostCgroupRoot, userNamespace, hostUid, markers, manager, hostname, vm, sources
    }

    /// A marker file (/.dockerenv) that the cgroups contradict: the process
    /// sits in the host's own cgroup tree, in no container's cgroup, so the
    /// file is left from the image the system was made from (a VM built from
    /// a container image) rather than a sign of a container now.
    var markerIsStale: Bool {
        runtimeFromMarkersOnly && seesHostCgroupRoot == true && containerId == nil && podUid == nil
            && machine == nil && lxcContainer == nil
    }

    init() {}

    init(record: LogRecord) {
        let container = record.container
        let cgroups = record.cgroups
        cgroupNamespace = container?.cgroupNs
        inCgroupNamespace = container?.inCgroupNamespace
        let mount = cgroups?.pidsMount ?? cgroups?.memoryMount
        // A root starting /.. is inherited from the host and names nothing.
        cgroupMountRoot = mount?.root.flatMap { $0.hasPrefix("/..") ? nil : $0 }
        if let namespaced = inCgroupNamespace, let root = mount?.root {
            seesHostCgroupRoot = !namespaced && root == "/"
        } else if inCgroupNamespace == true || mount?.isRootedBelowHost == true {
            seesHostCgroupRoot = false
        }
        userNamespace = container?.inUserNamespace
        if userNamespace == true, let uid = record.process?.uid {
            hostUid = container?.hostUid(of: Int64(uid))
        }
        hostname = record.host
        markers = container?.markers.flatMap { $0.isEmpty ? nil : $0 }
        manager = container?.manager

        var clues = IdentityClues()
        var sources: [String] = []
        func take(_ found: IdentityClues, _ source: String) {
            guard !found.isEmpty else { return }
            clues.merge(found)
            sources.append(source)
        }
        // The mount root is the host's path of the container's cgroup: the
        // most telling, then the process's own cgroup path.
        for (name, root) in [("pids", cgroups?.pidsMount?.root), ("memory", cgroups?.memoryMount?.root)] {
            if let root, root != "/", !root.hasPrefix("/..") {
                take(.cgroupPath(root), "\(name) cgroup mount root \(root)")
            }
        }
        if let own = cgroups?.pids?.first?.path ?? cgroups?.memory?.first?.path {
            cgroupPath = own
            take(.cgroupPath(own), "cgroup path \(own)")
        }
        for (point, root) in (container?.bindRoots ?? [:]).sorted(by: { $0.key < $1.key }) {
            take(.bindRoot(root, point: point), "bind mount \(point) from \(root)")
        }
        // containers/storage is podman's unless a kubelet runs the pod: CRI-O.
        if clues.runtime == .podman, clues.podUid != nil, !(markers ?? []).contains("/run/.containerenv") {
            clues.runtime = .crio
        }
        // podman's .containerenv of a --privileged container: its name and
        // image. buildah's RUN writes one always, engine "buildah-VERSION",
        // for its working container (podman build runs buildah's code):
        // not podman's container, and podman's knobs do not reach it (§11.201).
        let env = container?.containerenv ?? [:]
        if let engine = env["engine"], engine.hasPrefix("buildah") {
            buildahEngine = engine
            containerName = env["name"].flatMap { $0.isEmpty ? nil : $0 }
            image = env["image"].flatMap { $0.isEmpty ? nil : $0 }
            if clues.runtime == nil || clues.runtime == .podman { clues.runtime = .buildah }
            sources.append(
                "/run/.containerenv of \(engine)'s RUN" + (containerName.map { ", working container \($0)" } ?? "")
                    + (image.map { ", image \($0)" } ?? ""))
        } else if env["engine"].map({ $0.hasPrefix("podman") }) ?? true, let name = env["name"], !name.isEmpty {
            containerName = name
            image = env["image"].flatMap { $0.isEmpty ? nil : $0 }
            clues.runtime = clues.runtime ?? .podman
            sources.append("/run/.containerenv names \(name)" + (image.map { ", image \($0)" } ?? ""))
        }
        // kubelet mounts the pod's service account token; the pod's name is
        // its hostname unless the pod sets spec.hostname or hostNetwork.
        if clues.podUid == nil, (markers ?? []).contains(Self.serviceAccountMount) {
            kubernetesMount = true
            sources.append("kubelet's service account mount \(Self.serviceAccountMount)")
        }
        // The manager's own word, then the marker files a runtime leaves.
        if clues.runtime == nil, let manager, let named = ContainerRuntime(manager: manager) {
            clues.runtime = named
            sources.append("/run/systemd/container says \(manager)")
        }
        // The variable that systemd's file is written from, in PID 1's
        // environment: there without systemd inside too (§11.195).
        if let value = container?.initContainer {
            initContainer = value
            if clues.runtime == nil, let named = ContainerRuntime(manager: value) {
                clues.runtime = named
                sources.append("container=\(value) in PID 1's environment")
            }
        }
        // LXC's rootfs and LXD's and Incus's guest API mounts name the
        // container that a cgroup namespace hides (§11.200).
        let lxcMarked = clues.runtime == .lxc || manager == "lxc" || initContainer == "lxc"
        if clues.runtime == nil || clues.runtime == .lxc,
            let found = LXCInstance.of(
                bindRoots: container?.bindRoots ?? [:], rootSource: container?.rootSource, markers: markers ?? [],
                lxcMarked: lxcMarked, hostname: hostname)
        {
            lxcInstance = found
            clues.runtime = .lxc
            if !found.namedByHostname { clues.lxcName = clues.lxcName ?? found.name }
            sources.append(found.evidence)
        }
        if clues.runtime == nil {
            if kubernetesMount {
                // A pod's container: its runtime is the node's, not named here.
            } else if (markers ?? []).contains("/run/.containerenv") {
                clues.runtime = .podman
            } else if (markers ?? []).contains("/.dockerenv") {
                clues.runtime = .docker
            }
            if clues.runtime != nil {
                sources.append("marker files \((markers ?? []).joined(separator: ", "))")
                runtimeFromMarkersOnly = true
            }
        }
        runtime = clues.runtime
        containerId = clues.containerId
        podUid = clues.podUid
        qosClass = clues.qos
        kubernetesContainer = clues.kubernetesContainer
        machine = clues.machine
        lxcContainer = clues.lxcName
        ecsTask = clues.ecsTask
        buildKitStep = clues.buildKitStep
        nomadTask = clues.nomadTask
        nomadParent = clues.nomadParent
        systemdUnit = clues.unit
        systemdSlice = clues.slice
        userSliceUid = clues.userSliceUid
        nodeRuntime = clues.nodeRuntime
        nodeVolume = clues.nodeVolume
        if userNamespace == true, hostUid == nil, let uid = record.process?.uid {
            sources.append("uid \(uid) is in a user namespace whose uid_map was not recorded")
        }
        self.sources = sources.isEmpty ? nil : sources
        vm = GuestVM.of(record, contained: isContained)?.platform
    }

    static let serviceAccountMount = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// True when the cgroup levels the process read stop below the host's
    /// root: a cgroup namespace, or a cgroup mount rooted at the container.
    var isContainerView: Bool { seesHostCgroupRoot == false }

    /// True when anything says the process runs in a container.
    var isContained: Bool {
        isContainerView || (runtime != nil && !markerIsStale) || podUid != nil || (markers != nil && !markerIsStale)
            || manager != nil || userNamespace == true || buildKitStep != nil || kubernetesMount
            || initContainer != nil
    }

    /// True when the record held nothing about containers at all (an older shim).
    var isEmpty: Bool { summary == nil && sources == nil && cgroupNamespace == nil }

    var isKubernetes: Bool { podUid != nil || qosClass != nil || kubernetesMount }

    /// `docker container 3f2a9c1b0d4e`, `Kubernetes pod 5f0c… (burstable)`.
    var workloadName: String? {
        var parts: [String] = []
        if runtime == .buildah {
            var part = "a buildah RUN step"
            if let containerName { part += ", working container \"\(containerName)\"" }
            if let image { part += " (image \(image))" }
            parts.append(part)
        } else if let runtime, !markerIsStale {
            var part = runtime.displayName
            if let containerId { part += " container \(containerId.prefix(12))" }
            if let containerName { part += (containerId == nil ? " container " : " ") + "\"\(containerName)\"" }
            if let image { part += " (image \(image))" }
            if let machine { part += " machine \(machine)" }
            if let lxcContainer { part += " container \(lxcContainer)" }
            // A runtime named by a marker file alone: say what it names.
            if containerId == nil, containerName == nil, machine == nil, lxcContainer == nil { part += " container" }
            // Proxmox VE's containers go by VMID (docs/kernel-facts.md §11.143).
            if runtime == .lxc, let vmid = ProxmoxCT.vmid(lxcName: lxcContainer, hostname: hostname) {
                part = "Proxmox VE CT \(vmid) (LXC)"
            }
            // LXD's and Incus's, named by their mounts: their own word for it.
            if runtime == .lxc, let lxcInstance, lxcInstance.manager != .lxc { part = lxcInstance.label }
            parts.append(part)
        } else if let containerId {
            parts.append("container \(containerId.prefix(12))")
        }
        if let ecsTask { parts.append("ECS task \(ecsTask)") }
        if let buildKitStep { parts.append("BuildKit RUN step \(buildKitStep)") }
        if let nomadTask { parts.append(nomadTask.label) }
        if nomadTask == nil, let nomadParent { parts.append("a Nomad task (cgroup parent \(nomadParent))") }
        if let podUid {
            var part = "Kubernetes pod \(podUid)"
            if let qosClass { part += " (\(qosClass.rawValue))" }
            if let kubernetesContainer { part += ", container \"\(kubernetesContainer)\"" }
            parts.append(part)
        } else if kubernetesMount {
            parts.append(
                "a Kubernetes pod" + (hostname.map { " (hostname \($0), by default the pod's name)" } ?? ""))
        }
        if let nodeRuntime {
            parts.append(
                "on a node that is itself a \(nodeRuntime.displayName) container (volume \(nodeVolume.map { String($0.prefix(12)) } ?? "?"))"
            )
        }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// One line for the human-readable reports, in an operator's words:
    /// whether the process ran in a container, which cgroup it sat in, and
    /// whether the levels above that were in view (docs/kernel-facts.md §6.15).
    var summary: String? {
        var parts: [String] = []
        if let workloadName { parts.append(workloadName) }
        if let vm { parts.append("in \(vm.place)") }
        if let view = cgroupView { parts.append(view) }
        if let systemdUnit { parts.append("unit \(systemdUnit)") }
        if let userSliceUid { parts.append("user-\(userSliceUid).slice") }
        if userNamespace == true {
            parts.append("user namespace" + (hostUid.map { ", host uid \($0)" } ?? ""))
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// `in the host's cgroups, not a container's: cgroup /web.slice/app.service,
    /// every level above it in view`, or `in a container: its own cgroup is /docker/3f2a… on
    /// the host (/ inside); the levels above it could not be read from inside`.
    private var cgroupView: String? {
        let own = cgroupPath.map { "cgroup \($0)" } ?? "its cgroup"
        switch seesHostCgroupRoot {
        case true?:
            let placed =
                isContained ? "in a container that sees the host's cgroups" : "in the host's cgroups, not a container's"
            var line = "\(placed): \(own), every level above it in view"
            if markerIsStale, let markers {
                line += " (\(markers.joined(separator: ", ")) is there, but no container's cgroup)"
            }
            return line
        case false?:
            var line = "in a container: its own cgroup"
            if let root = cgroupMountRoot, root != "/" {
                line += " is \(root) on the host"
                if let inside = cgroupPath, inside != root { line += " (\(inside) inside)" }
            } else {
                line += " shows as \(cgroupPath ?? "/") inside (its name on the host is not in the record)"
            }
            return line + "; the levels above it could not be read from inside"
        case nil:
            return nil
        }
    }
}
