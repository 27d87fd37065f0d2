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
    var systemdUnit: String?
    var systemdSlice: String?
    var userSliceUid: Int64?
    var cgroupNamespace: Int64?
    var inCgroupNamespace: Bool?
    /// The mountinfo root of the pids (else memory) cgroup mount.
    var cgroupMountRoot: String?
    /// True when the paths read are the host's: the initial cgroup namespace
    /// and a cgroup mount rooted at "/".
    var seesHostCgroupRoot: Bool?
    var userNamespace: Bool?
    /// The host uid the process's real uid maps to (uid_map).
    var hostUid: Int64?
    var markers: [String]?
    /// What /run/systemd/container says the container's manager is.
    var manager: String?
    /// The host name the process sees (a container's, when it has its own UTS namespace).
    var hostname: String?
    /// The runtime and volume of the container the Kubernetes node itself
    /// runs in (minikube, kind), when kubelet's bind mounts come from one.
    var nodeRuntime: ContainerRuntime?
    var nodeVolume: String?
    /// Where each fact came from, for the reader to check.
    var sources: [String]?

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
            take(.cgroupPath(own), "cgroup path \(own)")
        }
        for (point, root) in (container?.bindRoots ?? [:]).sorted(by: { $0.key < $1.key }) {
            take(.bindRoot(root), "bind mount \(point) from \(root)")
        }
        // containers/storage is podman's unless a kubelet runs the pod: CRI-O.
        if clues.runtime == .podman, clues.podUid != nil, !(markers ?? []).contains("/run/.containerenv") {
            clues.runtime = .crio
        }
        // The manager's own word, then the marker files a runtime leaves.
        if clues.runtime == nil, let manager, let named = ContainerRuntime(manager: manager) {
            clues.runtime = named
            sources.append("/run/systemd/container says \(manager)")
        }
        if clues.runtime == nil {
            if (markers ?? []).contains("/run/.containerenv") {
                clues.runtime = .podman
            } else if (markers ?? []).contains("/.dockerenv") {
                clues.runtime = .docker
            }
            if clues.runtime != nil { sources.append("marker files \((markers ?? []).joined(separator: ", "))") }
        }
        runtime = clues.runtime
        containerId = clues.containerId
        podUid = clues.podUid
        qosClass = clues.qos
        kubernetesContainer = clues.kubernetesContainer
        machine = clues.machine
        lxcContainer = clues.lxcName
        systemdUnit = clues.unit
        systemdSlice = clues.slice
        userSliceUid = clues.userSliceUid
        nodeRuntime = clues.nodeRuntime
        nodeVolume = clues.nodeVolume
        if userNamespace == true, hostUid == nil, let uid = record.process?.uid {
            sources.append("uid \(uid) is in a user namespace whose uid_map was not recorded")
        }
        self.sources = sources.isEmpty ? nil : sources
    }

    /// True when the cgroup levels the process read stop below the host's
    /// root: a cgroup namespace, or a cgroup mount rooted at the container.
    var isContainerView: Bool { seesHostCgroupRoot == false }

    /// True when anything says the process runs in a container.
    var isContained: Bool {
        isContainerView || runtime != nil || podUid != nil || markers != nil || manager != nil
            || userNamespace == true
    }

    /// True when the record held nothing about containers at all (an older shim).
    var isEmpty: Bool { summary == nil && sources == nil && cgroupNamespace == nil }

    var isKubernetes: Bool { podUid != nil || qosClass != nil }

    /// `docker container 3f2a9c1b0d4e`, `Kubernetes pod 5f0c… (burstable)`.
    var workloadName: String? {
        var parts: [String] = []
        if let runtime {
            var part = runtime.displayName
            if let containerId { part += " container \(containerId.prefix(12))" }
            if let machine { part += " machine \(machine)" }
            if let lxcContainer { part += " container \(lxcContainer)" }
            parts.append(part)
        } else if let containerId {
            parts.append("container \(containerId.prefix(12))")
        }
        if let podUid {
            var part = "Kubernetes pod \(podUid)"
            if let qosClass { part += " (\(qosClass.rawValue))" }
            if let kubernetesContainer { part += ", container \"\(kubernetesContainer)\"" }
            parts.append(part)
        }
        if let nodeRuntime {
            parts.append(
                "on a node that is itself a \(nodeRuntime.displayName) container (volume \(nodeVolume.map { String($0.prefix(12)) } ?? "?"))"
            )
        }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// One line for the human-readable reports.
    var summary: String? {
        var parts: [String] = []
        if let workloadName { parts.append(workloadName) }
        switch seesHostCgroupRoot {
        case true?: parts.append("host cgroup view (initial cgroup namespace, cgroup mount root /)")
        case false?:
            var view = "container cgroup view"
            var how: [String] = []
            if inCgroupNamespace == true { how.append("own cgroup namespace cgroup:[\(cgroupNamespace ?? 0)]") }
            if let root = cgroupMountRoot, root != "/" { how.append("cgroup mount root \(root)") }
            if !how.isEmpty { view += " (\(how.joined(separator: ", ")))" }
            parts.append(view + ": levels above the container's own cgroup are not visible")
        case nil: break
        }
        if let systemdUnit { parts.append("unit \(systemdUnit)") }
        if let userSliceUid { parts.append("user-\(userSliceUid).slice") }
        if userNamespace == true {
            parts.append("user namespace" + (hostUid.map { ", host uid \($0)" } ?? ""))
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}
