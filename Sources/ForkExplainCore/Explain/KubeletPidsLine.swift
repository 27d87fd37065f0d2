/// kubelet's words for a node short of PIDs (pkg/kubelet/eviction/helpers.go,
/// pkg/kubelet/nodestatus/setters.go): an eviction ("The node was low on
/// resource: pids."), a pod refused admission ("The node had condition:
/// [PIDPressure]."), the node condition itself. None of them is a failed
/// fork: the node's count of processes passed an eviction threshold. A
/// pod's own limit (podPidsLimit) never evicts; it refuses the pod's forks
/// with EAGAIN (docs/kernel-facts.md §11.99).
enum KubeletPidsLine {
    enum Kind: Sendable, Equatable {
        case evicted(threshold: String?, available: String?)
        case admission
        case condition
        /// kubelet's own log: `"Eviction manager: attempting to reclaim"
        /// resourceName="pids"` (pkg/kubelet/eviction/eviction_manager.go;
        /// before structured logging, "attempting to reclaim pids").
        case reclaiming
    }

    static func kind(in line: String) -> Kind? {
        let lower = line.lowercased()
        if lower.contains("the node was low on resource: pids") {
            return .evicted(
                threshold: value(after: "threshold quantity: ", in: lower),
                available: value(after: "available: ", in: lower))
        }
        if lower.contains("the node had condition:"), lower.contains("pidpressure") { return .admission }
        if lower.contains("attempting to reclaim pids")
            || (lower.contains("attempting to reclaim") && lower.contains("resourcename=\"pids\""))
        {
            return .reclaiming
        }
        if lower.contains("kubelethasinsufficientpid") || lower.contains("kubelet has insufficient pid available")
            || lower.contains("nodehasinsufficientpid")
        {
            return .condition
        }
        return nil
    }

    /// `3276` from "threshold quantity: 3276, available: 3001. ".
    private static func value(after marker: String, in lower: String) -> String? {
        guard let range = lower.range(of: marker) else { return nil }
        let value = lower[range.upperBound...].prefix { $0.isASCII && ($0.isNumber || $0.isLetter) }
        return value.isEmpty ? nil : String(value)
    }

    static func cause(_ kind: Kind) -> KnownCause? {
        guard let cause = CauseCatalog.causes["pid_max"] else { return nil }
        let what: String
        switch kind {
        case .evicted(let threshold, let available):
            var numbers = ""
            if let threshold, let available {
                numbers = " (the threshold was \(threshold) free PIDs, \(available) were left)"
            }
            what =
                "kubelet evicted the pod because the node was short of process IDs\(numbers): its pid.available signal, the node's task limit (the lesser of kernel.pid_max and threads-max) minus the processes and threads running on the whole node, fell below an eviction threshold. It picks pods by priority, then by their process count; the evicted pod need not be the one that used them."
        case .admission:
            what =
                "kubelet refused to admit the pod because the node has the PIDPressure condition: its free process IDs (pid.available) are below an eviction threshold."
        case .reclaiming:
            what =
                "kubelet's eviction manager is reclaiming process IDs: the node's pid.available passed an eviction threshold, and it evicts pods, by priority, then by their process count, until it is back above it."
        case .condition:
            what =
                "the node has the PIDPressure condition (KubeletHasInsufficientPID): its free process IDs, the node's task limit minus every process and thread on it, are below an eviction threshold; the scheduler stops placing pods there (taint node.kubernetes.io/pid-pressure) and kubelet evicts."
        }
        return KnownCause(
            cause: cause, summary: "node-level PID pressure; no fork has failed yet", kind: .unknown, errno: nil,
            reason: what
                + " This is the node's count, not a pod's own limit: a pod at its podPidsLimit (its cgroup's pids.max) is not evicted, its forks fail with EAGAIN inside the pod instead (`cgroup: fork rejected by pids controller in /kubepods...`).",
            checks: [
                "kubectl describe node NODE | grep -E 'PIDPressure|pid'  # the condition, and its taint",
                "kubectl get events -A --field-selector reason=Evicted  # which pods went",
                "cat /proc/sys/kernel/pid_max /proc/sys/kernel/threads-max; ps -eLf --no-headers | wc -l  # on the node",
                "ps -eLo pid=,comm= | awk '{print $2}' | sort | uniq -c | sort -rn | head  # on the node: who holds them",
            ],
            fixes: KubeletPIDs.fixes + [
                "Raise the node's own limit if it is small: `sysctl -w kernel.pid_max=4194304` (and `kernel.pid_max = 4194304` in /etc/sysctl.d/) on the node."
            ])
    }
}
