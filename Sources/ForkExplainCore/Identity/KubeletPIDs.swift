/// kubelet's defences for a node running short of PIDs (docs/kernel-facts.md
/// §11.99): its eviction on `pid.available`, a pod's own limit, PIDs kept
/// back for the system. One text for `explain` (KubeletPidsLine), `report`
/// (the node's pid_max or threads-max refusing a pod's process) and
/// `check` (a pod's process).
enum KubeletPIDs {
    /// What kubelet watches, for a process in a pod facing the node's limits.
    static let nodeNote =
        "this process is in a Kubernetes pod: kubelet's pid.available is the lesser of kernel.pid_max and threads-max minus every task on the node, and only a threshold the cluster set (`evictionHard: {pid.available: ...}`; kubelet has none for pids by default) makes it evict pods and report PIDPressure (`kubectl describe node NODE`) before those limits refuse a fork (docs/kernel-facts.md §11.99)"

    static let fixes = [
        "Bound each pod so one cannot take the node's PIDs: `podPidsLimit: N` in the KubeletConfiguration (`--pod-max-pids=N`); its forks then fail with EAGAIN inside that pod instead of pressure on the node.",
        "Keep PIDs for the system: `systemReserved: {pid: \"N\"}` (`--system-reserved=pid=N`, also `--kube-reserved=pid=N`) with `enforceNodeAllocatable` including pods, which caps the kubepods cgroup at capacity minus them.",
        "The thresholds: `evictionHard: {pid.available: \"10%\"}` (or a count) in the KubeletConfiguration; kubelet's built-in defaults have none for pids, so the one that fired was set by the cluster.",
    ]
}
