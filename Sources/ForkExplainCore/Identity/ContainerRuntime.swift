/// The runtime or manager a cgroup path, mount root or marker file names
/// (docs/kernel-facts.md §6.15: who owns a limit).
enum ContainerRuntime: String, Sendable, Hashable, Encodable {
    case docker
    case containerd
    case crio = "cri-o"
    case podman
    case nspawn = "systemd-nspawn"
    case lxc

    var displayName: String {
        switch self {
        case .docker: "docker"
        case .containerd: "containerd (CRI)"
        case .crio: "CRI-O"
        case .podman: "podman"
        case .nspawn: "systemd-nspawn (machined)"
        case .lxc: "LXC"
        }
    }
}

/// Kubernetes QoS classes, as kubelet names their cgroups
/// (`kubepods-burstable.slice`, `/kubepods/besteffort`; guaranteed pods sit
/// directly under kubepods).
enum KubernetesQoS: String, Sendable, Hashable, Encodable {
    case guaranteed, burstable, besteffort
}
