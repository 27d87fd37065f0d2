/// Where a record's /proc/sys/user limits were read, and what they can show
/// (docs/kernel-facts.md §11.76): the file holds the limit of its reader's
/// user namespace only, the count held is not exposed by the kernel, and
/// every ancestor's limit binds as well.
struct NamespaceLimitReading: Sendable {
    /// The failing process's user namespace (container.user_ns).
    var processNs: Int64?
    /// The namespace the limits were read in (pid.limits_user_ns).
    var readerNs: Int64?

    init(_ context: FailureContext) {
        processNs = context.record.container?.userNs
        readerNs = context.pid.limitsUserNs
    }

    /// True when the limit read is the process's own namespace's.
    var own: Bool { processNs != nil && processNs == readerNs }

    /// The evidence lines for `flag`'s limit `value`.
    func lines(for flag: NamespaceFlag, value: Int64?) -> [String] {
        let file = "/proc/sys/user/\(flag.sysctl)"
        guard let value else {
            return [
                "user.\(flag.sysctl) is not in the record (\(file) absent before kernel 4.9, a record from an older forkexplain, or a task gone before watch read it); the count held is not exposed by the kernel"
            ]
        }
        let ns = readerNs.map { "user:[\($0)]" } ?? "an unrecorded user namespace"
        guard own else {
            return [
                "user.\(flag.sysctl) = \(value) in \(ns), the reader's namespace (\(file) shows only its reader's limit): the process's own namespace user:[\(processNs.map(String.init) ?? "?")] has a limit of its own that this record cannot show, and it binds too"
            ]
        }
        if value == 0 {
            return [
                "user.\(flag.sysctl) = 0 in the process's own user namespace \(ns) (\(file)): 0 lets no user of that namespace create one; this is the limit that refused"
            ]
        }
        return [
            "user.\(flag.sysctl) = \(value) in the process's own user namespace \(ns) (\(file)); how many are held is not exposed by the kernel (per-uid ucounts are not in /proc), so either this count is full (`lsns` lists the holders) or an ancestor namespace's limit binds, which this file cannot show; a namespace is uncounted only after a kernel work item runs, shortly after its last holder is gone (§11.68)"
        ]
    }
}
