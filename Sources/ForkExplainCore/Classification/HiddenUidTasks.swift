/// `rlimit_nproc` inferred in a container that has a PID namespace of its
/// own but no user namespace (a privileged LXC/LXD container, docker
/// without userns-remap): its uids are the host's, and RLIMIT_NPROC counts
/// every task of the uid on the host and in every other such container,
/// while its /proc lists only its own (docs/kernel-facts.md §1.1, §11.19).
/// A small count in limits.uid_tasks is then no evidence of room.
enum HiddenUidTasks {
    static func inferred(_ context: FailureContext) -> Verdict? {
        let limits = context.limits
        guard context.record.pid?.isNested == true, context.identity.userNamespace != true,
            limits.nprocExempt == nil, context.errnoIs("EAGAIN"), let soft = limits.nproc?.soft?.number,
            let seen = limits.uidTasks, seen < soft,
            // A limit at or above pid_max cannot be what bound first.
            context.record.pid?.pidMax.map({ soft < $0 }) ?? true
        else { return nil }
        let uid = context.record.process?.uid.map(String.init) ?? "?"
        let pid = context.record.process?.pid.map(String.init) ?? "PID"
        let pidNs = context.record.pid?.pidNs.map { " (pid.pid_ns \($0))" } ?? ""
        var evidence = [
            "\(context.callDescription) failed with EAGAIN and RLIMIT_NPROC is \(soft) (/proc/\(pid)/limits \"Max processes\"); uid \(uid) is not exempt (not the host's root, no CAP_SYS_RESOURCE or CAP_SYS_ADMIN)",
            "this process is in a PID namespace of its own\(pidNs) but in the host's user namespace: uid \(uid) here is host uid \(uid), and RLIMIT_NPROC counts every task of it on the host and in every other container running as it; this /proc shows only the \(seen) in this PID namespace (limits.uid_tasks), so \(soft - seen) or more can be elsewhere (docs/kernel-facts.md §1.1, §11.19)",
        ]
        let levels = context.record.cgroups?.pids ?? []
        var confidence = Confidence.low
        if let own = levels.first, own.eventsMax == 0, PidsEventSemantics(context) == .forkingCgroup {
            confidence = .medium
            evidence.append(
                "pids.events max 0 in \(own.dir ?? "?") (the forking cgroup): every pids-controller refusal of a fork from it would be counted there, so the cgroup did not refuse (docs/kernel-facts.md §6.6)"
            )
        } else if Self.predatesPidsController(context.record) {
            // Nothing in a cgroup can refuse a task before 4.3, and
            // ClosestLimits shows pid_max and threads-max from the host's
            // own counts: what is left is the hidden uid count.
            confidence = .medium
            evidence.append(
                "kernel \(context.record.kernel ?? "?") predates the pids controller (4.3): no cgroup can have refused, and no host-wide limit read here was reached (docs/kernel-facts.md §6.14)"
            )
        } else if let setter = SelfSetNPROC.program(context), soft <= setter.shippedLimit {
            // A limit this small that the program sets for itself is met by
            // a handful of copies of it: likelier than any hidden cgroup.
            confidence = .medium
            evidence.append(
                "\(setter.comm) sets this RLIMIT_NPROC itself (\(setter.setting)): \(soft) tasks of uid \(uid) in all are enough, another copy of \(setter.comm) on the host or in another container included (docs/kernel-facts.md §11.19)"
            )
        } else {
            evidence.append(
                "a pids limit above the container would look the same from here on this kernel (docs/kernel-facts.md §6.21): check both on the host"
            )
        }
        // The uid's visible count is the misleading number here: not listed
        // as a limit that had room.
        let others = Headroom.usages(of: context.record).filter { $0.verdict != .rlimitNPROC }
        evidence += others.prefix(3).map { "not reached: \($0.line)" }
        let check =
            "On the host, count uid \(uid)'s tasks: `ps -L -u \(uid) -o comm= | sort | uniq -c | sort -rn | head`: whatever else runs as it shares the \(soft)."
        return RLimitNPROCRule.verdict(
            context, soft: soft, confidence: confidence, evidence: evidence, leadingAdvice: [check])
    }

    private static func predatesPidsController(_ record: LogRecord) -> Bool {
        guard let kernel = ReleaseVersion(record.kernel) else { return false }
        return kernel < ReleaseVersion(4, 3) && (record.cgroups?.pids?.isEmpty ?? true)
    }
}
