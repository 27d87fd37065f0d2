/// How full a PID space is, one definition for the `pid_max` verdict and
/// for `forkexplain check` (docs/kernel-facts.md §1.2 and §6.17): once the
/// allocator's cursor has passed RESERVED_PIDS (300), kernel/pid.c
/// alloc_pid() hands out only 300 to pid_max − 1. The tasks that still hold
/// a number below 300 take nothing from that range, so a namespace holds at
/// most pid_max − 300 tasks plus those.
enum PIDSpace {
    static let reservedPIDs: Int64 = 300
    /// 64-bit PID_MAX_LIMIT: what a new PID namespace's own pid_max starts
    /// at since 6.14 (docs/kernel-facts.md §6.19).
    static let pidMaxLimit: Int64 = 4_194_304

    enum Fill: Sendable, Equatable {
        /// At or past the exhaustion point: the next PID cannot be found.
        case exhausted
        /// Within `CheckReport.criticalShare` of it: tasks come and go
        /// between the refusal and the snapshot.
        case near
        case roomy
    }

    /// How many tasks the namespace can hold: the pid_max − 300 numbers
    /// from 300 up, plus `lowTasks`, the tasks holding a number below 300
    /// (`pid.host_low_tasks`, `pid.ns_low_tasks`). Without that count
    /// (older logs, fixture trees), pid_max − 300, the least it can be.
    static func capacity(pidMax: Int64, lowTasks: Int64?) -> Int64 {
        let low = Swift.min(Swift.max(lowTasks ?? 0, 0), reservedPIDs - 1)
        return Swift.max(pidMax.subtractingSaturated(reservedPIDs), 1).addingSaturated(low)
    }

    /// What `capacity` added for the tasks below 300, for evidence.
    static func lowNote(_ lowTasks: Int64?) -> String {
        guard let lowTasks else {
            return
                "; the tasks holding numbers below \(reservedPIDs) were not counted, so this is the least it can hold"
        }
        return "; \(lowTasks) of the tasks hold numbers below \(reservedPIDs) and take none of that range"
    }

    static func fill(tasks: Int64, pidMax: Int64, lowTasks: Int64?) -> Fill {
        let point = capacity(pidMax: pidMax, lowTasks: lowTasks)
        if tasks >= point { return .exhausted }
        return Double(tasks) >= Double(point) * CheckReport.criticalShare ? .near : .roomy
    }

    /// Whether the pid_max a process reads is the host's. Since 6.14 a
    /// process in a nested PID namespace reads its own namespace's value
    /// (PID_MAX_LIMIT unless lowered), while the host's still binds.
    static func readsHostPIDMax(_ pid: PIDSnapshot, kernel: ReleaseVersion?) -> Bool {
        guard pid.isNested else { return true }
        if let kernel { return kernel < ReleaseVersion(6, 14) }
        return pid.pidMax != pidMaxLimit
    }

    /// The host's pid_max as this record knows it: the one read apart, else
    /// `pidMax` where that is the host's; nil when it cannot be seen.
    static func hostPIDMax(_ pid: PIDSnapshot, kernel: ReleaseVersion?) -> Int64? {
        pid.hostPidMax ?? (readsHostPIDMax(pid, kernel: kernel) ? pid.pidMax : nil)
    }

    /// For a nested namespace on 6.14+: the host's pid_max cannot be seen,
    /// so nothing may be said of the host's PID space from this record.
    static func hiddenHostNote(_ pid: PIDSnapshot, kernel: ReleaseVersion?) -> String? {
        guard hostPIDMax(pid, kernel: kernel) == nil, let pidMax = pid.pidMax else { return nil }
        let own = pid.pidNs.map { "pid:[\($0)]" } ?? "this PID namespace"
        return
            "pid_max \(pidMax) is the value of \(own) (since Linux 6.14 a nested namespace reads its own, starting at \(pidMaxLimit)); the host's kernel.pid_max, which binds as well, is not visible from here (docs/kernel-facts.md §6.19)"
    }
}
