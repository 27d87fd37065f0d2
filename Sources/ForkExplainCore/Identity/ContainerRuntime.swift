/// The runtime or manager a cgroup path, mount root or marker file names
/// (docs/kernel-facts.md §6.15: who owns a limit).
enum ContainerRuntime: String, Sendable, Hashable, Encodable {
    case docker
    case containerd
    case crio = "cri-o"
    case podman
    case nspawn = "systemd-nspawn"
    case lxc
    /// A RUN step of a buildah build (`buildah build`, `podman build`),
    /// named by the /run/.containerenv buildah writes (docs/kernel-facts.md §11.201).
    case buildah

    /// The runtime a manager's name in /run/systemd/container stands for
    /// (systemd's container interface; nspawn writes `systemd-nspawn`, LXC
    /// `lxc`). Others (`lxc-libvirt`, `oci`, `wsl`, ...) name no runtime
    /// whose knob this tool knows.
    init?(manager: String) {
        switch manager {
        case "systemd-nspawn": self = .nspawn
        case "lxc": self = .lxc
        case "docker": self = .docker
        case "podman": self = .podman
        default: return nil
        }
    }

    var displayName: String {
        switch self {
        case .docker: "docker"
        case .containerd: "containerd (CRI)"
        case .crio: "CRI-O"
        case .podman: "podman"
        case .nspawn: "systemd-nspawn (machined)"
        case .lxc: "LXC"
        case .buildah: "buildah"
        }
    }
}

/// Kubernetes QoS classes, as kubelet names their cgroups
/// (`kubepods-burstable.slice`, `/kubepods/besteffort`; guaranteed pods sit
/// directly under kubepods).
enum KubernetesQoS: String, Sendable, Hashable, Encodable {
    case guaranteed, burstable, besteffort
}
