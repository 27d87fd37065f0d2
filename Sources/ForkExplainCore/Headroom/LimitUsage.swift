/// How much of one limit that can stop process or thread creation is in use.
struct LimitUsage: Sendable, Hashable, Encodable {
    var limit: LimitKind
    /// Which one: `host`, `pid:[N]`, `uid N`, a cgroup path, `pid N`.
    var scope: String
    var used: Int64
    var max: Int64
    var unit: LimitUnit
    /// Where the two numbers were read.
    var source: String
    /// The verdict a failure here would get.
    var verdict: VerdictID
    /// For a cgroup level: how deep below the visible root (CgroupDepth).
    var depth: Int? = nil

    var share: Double { max > 0 ? Double(used) / Double(max) : 1 }

    /// `pids.max /app: 7 of 10 (70 %)`
    var line: String {
        if limit == .usernsCount, max == 0 {
            return "\(label): 0, no user namespace may be created (CLONE_NEWUSER fails with ENOSPC)"
        }
        let amounts: String
        switch unit {
        case .bytes: amounts = "\(Quantity.bytes(used)) of \(Quantity.bytes(max))"
        case .tasks, .mappings, .namespaces: amounts = "\(used) of \(max)"
        }
        return "\(label): \(amounts) (\(Quantity.percent(used, of: max)))"
    }

    /// `kernel.pid_max` (against what it lets the namespace hold, PIDSpace), `pids.max /app`, `RLIMIT_NPROC uid 1000`.
    var label: String {
        switch limit {
        case .pidMax: return scope == "host" ? "kernel.pid_max" : "pid_max of PID namespace \(scope)"
        case .threadsMax: return "kernel.threads-max"
        case .rlimitNPROC: return "RLIMIT_NPROC \(scope)"
        case .cgroupPids: return "pids.max \(scope)"
        case .cgroupMemory: return "memory cgroup \(scope)"
        case .commit: return "CommitLimit"
        case .memory: return "RAM + swap"
        case .mapCount: return "vm.max_map_count"
        case .rlimitAS: return "RLIMIT_AS \(scope)"
        case .pidnsInit: return "PID namespace \(scope) for new children"
        case .beancounter: return "beancounter \(scope)"
        case .lveNPROC: return "CloudLinux LVE NPROC \(scope)"
        case .lvePMEM: return "CloudLinux LVE PMEM \(scope)"
        case .lveVMEM: return "CloudLinux LVE VMEM \(scope)"
        case .usernsCount: return "user.max_user_namespaces \(scope)"
        }
    }

    private enum CodingKeys: String, CodingKey {
        case limit, scope, used, max, unit, source, verdict, share, depth
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(limit, forKey: .limit)
        try container.encode(scope, forKey: .scope)
        try container.encode(used, forKey: .used)
        try container.encode(max, forKey: .max)
        try container.encode(unit, forKey: .unit)
        try container.encode(source, forKey: .source)
        try container.encode(verdict.rawValue, forKey: .verdict)
        try container.encode((share * 1000).rounded() / 1000, forKey: .share)
        try container.encodeIfPresent(depth, forKey: .depth)
    }

    /// Where the limit applies, in words of a bounded set (a Prometheus
    /// label, docs/monitoring.md): never a pid, a path or an inode.
    var place: String {
        switch limit {
        case .pidMax: return scope == "host" ? "host" : "pid_namespace"
        case .threadsMax, .commit, .memory: return "host"
        case .rlimitNPROC: return "uid"
        case .cgroupPids, .cgroupMemory: return "cgroup"
        case .mapCount, .rlimitAS: return "process"
        case .pidnsInit: return "pid_namespace_for_children"
        case .beancounter: return "container"
        case .lveNPROC, .lvePMEM, .lveVMEM: return "lve"
        case .usernsCount: return "user_namespace"
        }
    }
}
