/// A limit `check` could not measure because the /proc scan that counts
/// its tasks ran out of time (a busy host): the collector leaves such a
/// count out rather than write a partial one. A probe must not read the
/// missing row as room.
struct UncountedLimit: Sendable, Hashable {
    var limit: LimitKind
    var label: String

    static func of(_ record: LogRecord) -> [UncountedLimit] {
        guard record.scanWasCut else { return [] }
        var found: [UncountedLimit] = []
        if let limits = record.limits, limits.nprocExempt == nil, limits.nproc?.soft?.number != nil,
            limits.uidTasks == nil
        {
            let uid = record.process?.uid.map(String.init) ?? "?"
            found.append(UncountedLimit(limit: .rlimitNPROC, label: "RLIMIT_NPROC uid \(uid)"))
        }
        guard let pid = record.pid else { return found }
        if pid.isNested, pid.pidMax != nil, pid.nsTasks == nil {
            found.append(UncountedLimit(limit: .pidMax, label: "pid_max of PID namespace pid:[\(pid.pidNs ?? 0)]"))
        }
        if let children = pid.pidForChildrenNs, let own = pid.pidNs, children != own, pid.childrenNsTasks == nil {
            found.append(UncountedLimit(limit: .pidnsInit, label: "PID namespace pid:[\(children)] for new children"))
        }
        return found
    }

    static let reason =
        "the /proc scan ran out of time (a busy host?), so its task counts were left out;"
        + " raise FORKEXPLAIN_SCAN_MS (check's default is 10000)"
}
