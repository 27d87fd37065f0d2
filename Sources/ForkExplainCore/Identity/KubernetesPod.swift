/// A Kubernetes pod's own cgroup level: kubelet makes one per pod
/// (`kubepods[-QOS]-pod<UID>.slice` with the systemd driver, `pod<UID>`
/// under kubepods[/QOS] with cgroupfs) and writes podPidsLimit into its
/// pids.max when it creates it. Every container of the pod runs below it,
/// so sidecars, the sandbox's pause process and ephemeral debug containers
/// count against the app's limit (docs/kernel-facts.md §11.147).
enum KubernetesPod {
    /// The pod UID a cgroup path component names when it is a pod's level.
    static func uid(_ part: String, parent: String?) -> String? {
        let kubelet = part.hasPrefix("kubepods") || part.hasPrefix("kubelet-kubepods")
        let cgroupfs =
            parent.map { ["kubepods", "burstable", "besteffort"].contains($0) } == true && part.hasPrefix("pod")
        guard kubelet || cgroupfs else { return nil }
        return IdentityClues.cgroupPath("/" + (parent.map { $0 + "/" } ?? "") + part).podUid
    }

    /// A container's own level in a pod: kubelet gives it no pids limit
    /// (CRI's LinuxContainerResources has no pids field).
    static func containerLevelAdvice(pod: String, podPath: String) -> String {
        "This is one container's own level in Kubernetes pod \(pod): kubelet sets no pids limit on a container (CRI's LinuxContainerResources has no pids field), so a limit here came from the runtime's own settings, from systemd's DefaultTasksMax= (a scope of the systemd cgroup driver given none: 15 % of threads-max or pid_max, §11.218), or by hand; podPidsLimit is on the pod's level, \(podPath), which all the pod's containers share."
    }

    /// The pod level at `levels[index]` (own level first) and what its other
    /// containers hold: its count less that of the level below it, the
    /// failing container's own.
    struct Share: Sendable, Hashable {
        var uid: String
        var path: String
        var dir: String
        var total: Int64
        var container: String
        var own: Int64
        var others: Int64 { Swift.max(total - own, 0) }

        static func of(_ levels: [PIDsCgroupLevel], index: Int) -> Share? {
            guard index > 0, index < levels.count, let path = levels[index].path,
                let total = levels[index].current, let below = levels[index - 1].path,
                let own = levels[index - 1].current
            else { return nil }
            let parts = path.split(separator: "/").map(String.init)
            guard let last = parts.last, let uid = KubernetesPod.uid(last, parent: parts.dropLast().last) else {
                return nil
            }
            return Share(
                uid: uid, path: path, dir: levels[index].dir ?? "/sys/fs/cgroup\(path)", total: total, container: below,
                own: own)
        }

        /// For report's evidence: whose tasks fill the pod's limit.
        var evidence: String {
            "\(path) is Kubernetes pod \(uid)'s own level, where kubelet writes podPidsLimit: every container of the pod counts in it, and of its \(total) tasks \(own) are in this container's cgroup (\(container)) and \(others) in the pod's other containers (sidecars such as istio-proxy/Envoy, linkerd-proxy or a log shipper, the sandbox's pause process, ephemeral debug containers)"
        }

        /// The other fix: fewer tasks in the pod's other containers.
        var advice: String {
            "Or make room in the pod: its other containers hold \(others) of its \(total) tasks; on the node, `for d in \(dir)/*/; do echo \"$(cat $d/pids.current) $d\"; done` shows each container's count, and a sidecar's threads are its own setting (Envoy's `--concurrency`, Istio's ProxyConfig `concurrency`)."
        }
    }
}
