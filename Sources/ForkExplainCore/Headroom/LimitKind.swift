/// What kind of limit a `LimitUsage` is; the raw values are stable for
/// machines (`check --format json`, Prometheus labels).
enum LimitKind: String, Sendable, Hashable, Encodable {
    case pidMax = "pid_max"
    case threadsMax = "threads_max"
    case rlimitNPROC = "rlimit_nproc"
    case cgroupPids = "cgroup_pids"
    case cgroupMemory = "cgroup_memory"
    case commit
    case memory
    case mapCount = "map_count"
    case rlimitAS = "rlimit_as"
    case pidnsInit = "pidns_init"
    /// An OpenVZ beancounter (docs/kernel-facts.md §11.1).
    case beancounter
    /// A CloudLinux LVE's limits (docs/kernel-facts.md §11.164): its
    /// processes and threads, its resident and its virtual memory.
    case lveNPROC = "lve_nproc"
    case lvePMEM = "lve_pmem"
    case lveVMEM = "lve_vmem"
    /// user.max_user_namespaces of the process's own user namespace, shown
    /// only at 0 (docs/kernel-facts.md §11.78).
    case usernsCount = "user_namespaces"
}

/// What a `LimitUsage` counts.
enum LimitUnit: String, Sendable, Hashable, Encodable {
    case tasks, bytes, mappings, namespaces
}
