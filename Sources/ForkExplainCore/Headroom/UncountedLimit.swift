/// A limit `check` could not measure whole: the /proc scan that counts its
/// tasks ran out of time (a busy host), and the collector left the count
/// out rather than write a partial one; or the /proc it read shows only a
/// part of a uid's tasks (PartialUidCount). A probe must not read the
/// missing row, or the part, as room.
struct UncountedLimit: Sendable, Hashable {
    var limit: LimitKind
    var label: String
    /// Why, in words, for the plugin line and JSON.
    var reason: String = Self.reason
    /// What the text line says of it.
    var reading: String = "not counted"
    /// The text line's bracket: where the reading stops.
    var short: String = "the /proc scan ran out of time"
    /// A shell command that counts the whole, and where to run it.
    var check: String? = nil

    static func of(_ record: LogRecord, partial: PartialUidCount? = nil) -> [UncountedLimit] {
        var found: [UncountedLimit] = []
        if let partial, let seen = record.limits?.uidTasks, let soft = record.limits?.nproc?.soft?.number {
            let uid = record.process?.uid.map(String.init) ?? "?"
            let host = partial.hostUid.flatMap { String($0) == uid ? nil : " (host uid \($0))" } ?? ""
            found.append(
                UncountedLimit(
                    limit: .rlimitNPROC, label: "RLIMIT_NPROC uid \(uid)\(host)",
                    reason: "only a part of the uid's tasks is visible: " + partial.reasons.joined(separator: "; "),
                    reading: "\(seen) seen here of \(soft), the whole count is not visible",
                    short: "a part: /proc/*/status of what this /proc lists", check: partial.hostCheck(soft: soft)))
        }
        guard record.scanWasCut else { return found }
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
