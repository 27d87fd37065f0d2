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

    var share: Double { max > 0 ? Double(used) / Double(max) : 1 }

    /// `pids.max /app: 7 of 10 (70 %)`
    var line: String {
        let amounts: String
        switch unit {
        case .bytes: amounts = "\(Quantity.bytes(used)) of \(Quantity.bytes(max))"
        case .tasks, .mappings: amounts = "\(used) of \(max)"
        }
        return "\(label): \(amounts) (\(Quantity.percent(used, of: max)))"
    }

    /// `kernel.pid_max − 300` (the exhaustion point, PIDSpace), `pids.max /app`, `RLIMIT_NPROC uid 1000`.
    var label: String {
        switch limit {
        case .pidMax: return scope == "host" ? "kernel.pid_max − 300" : "pid_max − 300 of PID namespace \(scope)"
        case .threadsMax: return "kernel.threads-max"
        case .rlimitNPROC: return "RLIMIT_NPROC \(scope)"
        case .cgroupPids: return "pids.max \(scope)"
        case .cgroupMemory: return "memory cgroup \(scope)"
        case .commit: return "CommitLimit"
        case .memory: return "RAM + swap"
        case .mapCount: return "vm.max_map_count"
        case .rlimitAS: return "RLIMIT_AS \(scope)"
        case .pidnsInit: return "PID namespace \(scope) for new children"
        }
    }

    private enum CodingKeys: String, CodingKey {
        case limit, scope, used, max, unit, source, verdict, share
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
    }
}
