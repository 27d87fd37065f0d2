/// Why the count of a uid's tasks that `check` reads is only a part of the
/// one RLIMIT_NPROC compares: the kernel counts the real uid's every task
/// on the host (docs/kernel-facts.md §1.1), and since 5.14 also at each
/// ancestor user namespace against the limit its creator had (§6.4). A
/// part read as the whole shows room that may not be there (runc#831,
/// §11.108, §11.114: "1 of 192" in a container whose host uid held 192),
/// so the row is left uncounted and the host's count is named instead.
struct PartialUidCount: Sendable, Hashable {
    /// Why the count is a part, each with its source.
    var reasons: [String]
    /// The uid as the host numbers it, where known.
    var hostUid: Int64?
    /// Whether what was seen is at least what the kernel compares with the
    /// limit in force, so that a critical share of it is critical: not in
    /// a user namespace whose /proc lists the host's tasks, whose count
    /// binds at an ancestor against a limit not shown here.
    var seenIsFloor: Bool
    /// Whether the host command must run as root: under hidepid= a reader
    /// that is not root misses the same tasks with ps as with check.
    var asRoot: Bool = false

    static func of(_ record: LogRecord, view: ProcView) -> PartialUidCount? {
        guard let limits = record.limits, limits.nprocExempt == nil, limits.nproc?.soft?.number != nil,
            limits.uidTasks != nil, let uid = record.process?.uid
        else { return nil }
        let hostUid = Self.hostUid(record, uid: Int64(uid))
        let who = hostUid.map { $0 == Int64(uid) ? "uid \(uid)" : "host uid \($0)" } ?? "the host uid"
        var reasons: [String] = []
        let namespaceProc = view.listsHostTasks.map { !$0 } ?? Self.namespaceProc(record)
        if namespaceProc {
            let ns = record.pid?.pidNs.map { " pid:[\($0)]" } ?? ""
            reasons.append(
                "this /proc lists only the tasks of PID namespace\(ns), and RLIMIT_NPROC counts \(who)'s on the whole host, other containers' included (docs/kernel-facts.md §1.1, §11.107)"
            )
        }
        var hidden = false
        if let option = view.hides(uid: uid) {
            hidden = true
            let whose =
                view.readerUid == uid
                ? "even uid \(uid)'s own tasks that run with another effective or saved uid or gid (a setuid or setgid program it started) or are not dumpable"
                : "other users' processes, uid \(uid)'s among them"
            reasons.append(
                "/proc is mounted hidepid=\(option), which hides from this reader (not root, not in the mount's gid=) \(whose), so uid \(uid)'s are not all listed (docs/kernel-facts.md §11.114, §11.139)"
            )
        }
        let userNamespace = Self.countsAtAncestors(record)
        if userNamespace {
            reasons.append(
                "uid \(uid) here belongs to a user namespace (\(who) outside it): since 5.14 the kernel also counts \(who)'s tasks in every namespace against the RLIMIT_NPROC the namespace's creator had, which no file here shows (docs/kernel-facts.md §6.4, §11.108)"
            )
        }
        guard !reasons.isEmpty else { return nil }
        return PartialUidCount(
            reasons: reasons, hostUid: hostUid, seenIsFloor: !userNamespace || namespaceProc, asRoot: hidden)
    }

    /// The command that counts the whole, run on the host.
    func hostCheck(soft: Int64) -> String {
        let uid = hostUid.map(String.init) ?? "HOST_UID"
        return "\(asRoot ? "as root " : "")on the host: `ps -L -U \(uid) --no-headers | wc -l` against \(soft)"
    }

    private static func hostUid(_ record: LogRecord, uid: Int64) -> Int64? {
        guard let container = record.container, container.inUserNamespace == true else { return uid }
        return container.hostUid(of: uid)
    }

    /// Without a live view: a process in a nested PID namespace whose
    /// collector did not find the initial namespace's /proc (it counts the
    /// tasks below 300 there alone, procscan.c proc_is_initial_ns()).
    private static func namespaceProc(_ record: LogRecord) -> Bool {
        guard let pid = record.pid else { return false }
        return pid.isNested && pid.hostLowTasks == nil
    }

    /// A user namespace below the initial one on a kernel with per
    /// namespace counts (5.14, or a kernel not named). Before 5.14 the
    /// count is the host uid's alone, which a host's /proc shows mapped.
    private static func countsAtAncestors(_ record: LogRecord) -> Bool {
        guard record.container?.inUserNamespace == true else { return false }
        guard let kernel = ReleaseVersion(record.kernel) else { return true }
        return kernel >= ReleaseVersion(5, 14)
    }
}
