/// A Kubernetes node seen from a process that is not in a pod (containerd,
/// kubelet, a shim): kubelet among the host's top holders says whose node
/// it is, and kubepods' limit says what kubelet read when it started
/// (docs/kernel-facts.md §11.205).
enum KubeletNode {
    /// kubelet's pid among the host's top PID holders.
    static func kubelet(_ top: TopSnapshot?) -> Int? {
        top?.holders?.first { $0.comm == "kubelet" }?.pid
    }

    /// Said before kubelet's fixes when the refused process is a node
    /// daemon: the pods' tasks and the daemons' share the node's pid_max.
    static func daemonNote(kubelet pid: Int) -> String {
        "This host runs kubelet (pid \(pid)), a Kubernetes node: its pods' processes and threads count against kernel.pid_max with the node's own daemons (containerd, kubelet, the shims), so a pod that fills it refuses them, and kubelet's PLEG checks and the runtime fail until it ends; kubelet's own bounds, below, keep one pod from taking the node's PIDs."
    }

    /// Raising pid_max on a node does not reach kubepods until kubelet
    /// starts again: it set kubepods' pids.max from the capacity it read
    /// then (pkg/kubelet/cm container_manager_linux.go, pidlimit.Stats()).
    static let raiseNote =
        "After raising kernel.pid_max on a node, restart kubelet (`systemctl restart kubelet`): it set the kubepods cgroup's pids.max from the node's PID capacity it read when it started (kernel.pid_max, the lesser of it and threads-max on newer kubelets, less reserved PIDs) and keeps that number until it starts again, so the pods stay at the old one."

    /// kubepods' limit far below what the node allows now: what kubelet
    /// read at its start, or PIDs reserved for the system.
    static func staleCapacity(path: String?, max: Int64, pid: PIDSnapshot) -> (evidence: String, advice: String)? {
        guard let last = path?.split(separator: "/").last.map(String.init),
            last == "kubepods" || last == "kubepods.slice" || last == "kubelet-kubepods.slice",
            let pidMax = pid.pidMax, max > 0
        else { return nil }
        let capacity = Swift.min(pidMax, pid.threadsMax ?? pidMax)
        guard max * 2 <= capacity else { return nil }
        let old = max == 32_768 ? ", the kernel's old default pid_max," : ""
        return (
            "\(path ?? last)'s pids.max \(max)\(old) is far below what the node allows now (kernel.pid_max \(pidMax), threads-max \(pid.threadsMax.map(String.init) ?? "?")): kubelet sets it from the node's PID capacity as it read it when it started, less reserved PIDs",
            "kubepods' \(max) is kubelet's reading of the node at its start: if kernel.pid_max was raised since, restart kubelet (`systemctl restart kubelet`) and it sets kubepods to the new capacity; if PIDs were reserved (`systemReserved`/`kubeReserved` `pid`), lower them. Either way a pod's own limit (`podPidsLimit`) keeps one pod from taking the rest."
        )
    }
}
