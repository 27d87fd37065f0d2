/// `rlimit_nproc`: the real uid's task count reached RLIMIT_NPROC. docs/kernel-facts.md §1,
/// row "RLIMIT_NPROC", and §1.1: kernel/fork.c copy_process() counts every task of the
/// real uid on the host; the host's root and CAP_SYS_RESOURCE/CAP_SYS_ADMIN
/// in the initial user namespace are exempt (an exec after a uid change
/// exempts fewer, §11.113);
/// the limit in force is the process's own, fixed when it started. §6.4: since
/// 5.14 the count is per (user namespace, uid) and checked against the caps of
/// every ancestor namespace, which the process cannot see.
struct RLimitNPROCRule: ClassificationRule {
    func evaluate(_ context: FailureContext) -> Verdict? {
        let limits = context.limits
        guard limits.nprocExempt == nil, let soft = limits.nproc?.soft?.number, let tasks = limits.uidTasks,
            tasks >= soft
        else { return nil }
        let uid = context.record.process?.uid.map(String.init) ?? "?"
        let pid = context.record.process?.pid.map(String.init) ?? "PID"
        var evidence = [
            "uid \(uid) has \(tasks) tasks (limits.uid_tasks, threads included, counted in /proc) ≥ RLIMIT_NPROC soft limit \(soft) (/proc/\(pid)/limits \"Max processes\")"
        ]
        if context.identity.userNamespace == true {
            evidence.append(Self.userNamespaceLine(context, uid: uid))
        } else if let ctid = context.record.beancounters?.ctid, ctid != 0 {
            // OpenVZ keeps users per container: its root is bound (§11.65).
            evidence.append(
                "uid \(uid) of OpenVZ container \(ctid) (/proc/user_beancounters): a container keeps users of its own, so the count is this container's tasks of uid \(uid), and its root is not the host's: RLIMIT_NPROC binds root here unless it holds CAP_SYS_ADMIN or CAP_SYS_RESOURCE (docs/kernel-facts.md §11.65)"
            )
        } else {
            evidence.append(
                "the count is every task of real uid \(uid) on the host, threads included, other containers running as the same uid too; the limit in force is this process's own, fixed when it started"
            )
        }
        if let own = OwnThreadsNPROC.finding(context) {
            evidence.append(own.evidence(uid: uid))
        } else if let sharers = Self.sameUidLine(context) {
            evidence.append(sharers)
        }
        return Self.verdict(context, soft: soft, confidence: .high, evidence: evidence)
    }

    /// Which processes of the uid share the count (top.holders of that
    /// uid): another daemon under the same account uses up the limit too.
    private static func sameUidLine(_ context: FailureContext) -> String? {
        guard let uid = context.record.process?.uid else { return nil }
        let own = (context.record.top?.holders ?? []).filter { $0.uid == uid }
        guard own.count > 1 else { return nil }
        let list = own.prefix(5).map {
            "\($0.comm ?? "?") (pid \($0.pid.map(String.init) ?? "?")): \(Quantity.threads($0.threads ?? 0))"
        }
        return
            "uid \(uid)'s largest holders (top.holders): \(list.joined(separator: "; ")): every process of the uid counts against the one limit, not only the one that failed"
    }

    /// Inside a user namespace the uid the process sees is not the one the
    /// kernel charges on the host, and root there is not exempt (§6.4).
    private static func userNamespaceLine(_ context: FailureContext, uid: String) -> String {
        let host = context.identity.hostUid.map { "host uid \($0)" } ?? "the host uid it maps to"
        if context.rlimitNPROCPerUserNamespace == false {
            return
                "uid \(uid) runs in a user namespace (uid_map: uid \(uid) is \(host)), where root is not exempt: before 5.14 the count is \(host)'s, every task of it in this container, in other containers mapped to it and on the host, against this process's own RLIMIT_NPROC (docs/kernel-facts.md §6.4)"
        }
        return
            "uid \(uid) runs in a user namespace (uid_map: uid \(uid) is \(host)), where root is not exempt: since 5.14 the count is kept per (user namespace, uid) and checked again for \(host), every task of it inside and outside this namespace, against the RLIMIT_NPROC the namespace's creator had when it made the namespace, which /proc/PID/limits here does not show (docs/kernel-facts.md §6.4)"
    }

    /// What copy_process() compares on the record's kernel (§6.4).
    private static func kernelRule(_ context: FailureContext) -> String {
        if context.rlimitNPROCPerUserNamespace == false {
            return
                "kernel/fork.c copy_process(): the real uid's task count reached RLIMIT_NPROC (atomic_read(&p->real_cred->user->processes) >= task_rlimit(p, RLIMIT_NPROC): one count per host uid, in every namespace) → -EAGAIN"
        }
        return
            "kernel/fork.c copy_process(): the real uid's task count reached RLIMIT_NPROC (is_rlimit_overlimit UCOUNT_RLIMIT_NPROC, every ancestor user namespace) → -EAGAIN"
    }

    /// In a user namespace the count that binds includes the tasks of the
    /// same host uid outside it, which this /proc does not show (§6.4): a
    /// finite RLIMIT_NPROC, EAGAIN and nothing else full point at it, more
    /// firmly when the pids counters rule the cgroup out. A fallback: only
    /// after every rule that reads a full counter.
    static func inferredInUserNamespace(_ context: FailureContext) -> Verdict? {
        let limits = context.limits
        let identity = context.identity
        guard identity.userNamespace == true, limits.nprocExempt == nil, context.errnoIs("EAGAIN"),
            let soft = limits.nproc?.soft?.number
        else { return nil }
        let uid = context.record.process?.uid.map(String.init) ?? "?"
        let pid = context.record.process?.pid.map(String.init) ?? "PID"
        let host = identity.hostUid.map { "host uid \($0)" } ?? "the host uid it maps to"
        var evidence = [
            "\(context.callDescription) failed with EAGAIN and RLIMIT_NPROC is \(soft) (/proc/\(pid)/limits \"Max processes\"); uid \(uid) is not exempt: root inside a user namespace is not (docs/kernel-facts.md §6.4)",
            "uid \(uid) runs in a user namespace (uid_map: uid \(uid) is \(host)): RLIMIT_NPROC counts every task of \(host), in this container and outside it\(context.rlimitNPROCPerUserNamespace == false ? ", other containers mapped to it included" : ", and since 5.14 also checks the cap its creator had") (docs/kernel-facts.md §6.4); this /proc shows only \(limits.uidTasks.map(String.init) ?? "some") of them (limits.uid_tasks)",
        ]
        let levels = context.record.cgroups?.pids ?? []
        var confidence = Confidence.low
        if PidsEventSemantics(context) == .forkingCgroup, let own = levels.first, own.eventsMax == 0 {
            confidence = .medium
            evidence.append(
                "pids.events max 0 in \(own.dir ?? "?") (the forking cgroup): on this kernel every pids-controller refusal of a fork from it would be counted there, so the cgroup did not refuse (docs/kernel-facts.md §6.6)"
            )
        } else if Self.pidsInFullView(levels, identity) {
            confidence = .medium
            evidence.append(
                "every pids level from \(levels.first?.path ?? "/") up to the host's root cgroup is in view here (host cgroup view) and none was at its pids.max: no pids limit is hidden above, so the cgroup did not refuse; what is hidden is the cap of the user namespace's creator (docs/kernel-facts.md §6.4)"
            )
        } else {
            evidence.append(
                "a pids limit above the container would look the same from here on this kernel (docs/kernel-facts.md §6.21): check both on the host"
            )
        }
        evidence += ClosestLimits.lines(for: context.record, count: 3).map { "not reached: \($0)" }
        return verdict(context, soft: soft, confidence: confidence, evidence: evidence)
    }

    /// True when the levels read reach the host's root cgroup, which has no
    /// pids.max, and every other one has room: nothing in the pids
    /// controller could have refused (the snapshot is after the failure, so
    /// this is evidence, not proof).
    private static func pidsInFullView(_ levels: [PIDsCgroupLevel], _ identity: ContainerIdentity) -> Bool {
        guard identity.seesHostCgroupRoot == true, levels.last?.path == "/" else { return false }
        return levels.allSatisfy { level in
            switch level.max {
            case .unlimited?: return true
            case .value(let max)?: return level.current.map { $0 < max } ?? false
            case nil: return level.path == "/"
            }
        }
    }

    /// leadingAdvice goes first: what only the caller's inference knows.
    static func verdict(
        _ context: FailureContext, soft: Int64, confidence: Confidence, evidence: [String],
        leadingAdvice: [String] = []
    ) -> Verdict {
        let identity = context.identity
        var evidence = evidence
        var leadingAdvice = leadingAdvice
        // The boot RLIMIT_NPROC of a machine that has grown since (§11.30).
        if let boot = BootThreadsMax.finding(context) {
            evidence.append(boot.evidence)
            leadingAdvice.insert(boot.advice, at: 0)
        }
        // Containers sharing the uid hold the count (§11.61).
        let containersOfUid = SharedUidContainers.finding(context)
        if let containersOfUid {
            evidence.append(containersOfUid.evidence)
            leadingAdvice.insert(contentsOf: containersOfUid.advice, at: 0)
        }
        let uid = context.record.process?.uid.map(String.init) ?? "?"
        let pid = context.record.process?.pid.map(String.init) ?? "PID"
        let shared = identity.hostUid.map { "host uid \($0)" } ?? "uid \(uid)"
        // The program's own threads are the count (§11.64): its pool, then
        // the unit that set the limit (§11.63), lead.
        // A database server's connections are the count (§11.94, §11.96):
        // its own sizes lead, not a generic pool's knobs.
        let server = DatabaseServerLimit.finding(context, limit: soft, limitName: "RLIMIT_NPROC")
        if let server {
            evidence.append(server.evidence)
            leadingAdvice.append(server.advice)
        }
        // A login's fork under sshd, git's children: the user's count (§11.126).
        if server == nil, let program = ServerProgramForks.finding(context, limit: soft, limitName: "RLIMIT_NPROC"),
            program.isTheUsers
        {
            evidence.append(program.evidence)
            leadingAdvice.append(program.advice)
        }
        let ownThreads = server == nil ? OwnThreadsNPROC.finding(context) : nil
        if let ownThreads {
            leadingAdvice.append(ownThreads.advice(soft: soft))
        } else if server == nil, let pools = HolderScope.uid(context)?.leadingAdvice {
            // The uid's count held by one program's pools, or by one
            // process of the uid: its own knob before the limit (§11.183).
            leadingAdvice.append(pools)
        }
        let raiseTo = max(soft * 4, (ownThreads?.threads ?? 0) * 4)
        let unitAdvice = UnitLimitNPROC.advice(context, soft: soft, raiseTo: raiseTo)
        if let unitAdvice {
            leadingAdvice.append(unitAdvice)
        } else if uid == "0", let ctid = context.record.beancounters?.ctid, ctid != 0 {
            leadingAdvice.append(
                "Root of OpenVZ container \(ctid) is bound where a host's root is not (docs/kernel-facts.md §11.65): a limit written for hosts, such as a unit's `LimitNPROC=` (openvpn@.service ships 10), needs `infinity` or a number above the container's \(context.limits.uidTasks.map(String.init) ?? "") tasks of root: `systemctl edit UNIT` inside the container, `[Service]` `LimitNPROC=infinity`, then restart it."
            )
        }
        var advice: [String] = []
        if identity.isContained {
            advice += [
                "The count is per uid and shared: every container and process of \(shared) uses the same budget. Isolate it: give this workload a uid of its own (for rootless containers, a user of its own or distinct subuid ranges, `--userns=auto`, so its tasks map to host uids nobody else uses).",
                "Limit a container by its cgroup, not by uid: `TasksMax=` on its unit or slice, `--pids-limit` (docker, podman), kubelet `podPidsLimit`, rather than `LimitNPROC=` / `ulimit -u`, which apply to the whole uid.",
            ]
            let hostUid = identity.hostUid.map(String.init) ?? "UID"
            if identity.userNamespace == true, context.rlimitNPROCPerUserNamespace == false {
                // A unit inside the container set it: its drop-in leads, not the runtime's config.
                let setter =
                    unitAdvice == nil
                    ? "Or raise the limit this process starts with: before 5.14 the count is compared with its own RLIMIT_NPROC (\(soft) here), which its runtime sets: `lxc.prlimit.nproc` in an LXC container's config, `--ulimit nproc=\(soft * 4)` at `docker run` / `podman run`, an `RLIMIT_NPROC` entry of `process.rlimits` in an OCI bundle's config.json (runc, crun). "
                    : "Before 5.14 the count is compared with this process's own RLIMIT_NPROC (\(soft) here), the unit's above, not the runtime's. "
                advice.append(
                    setter
                        + "Containers whose root maps to the same host uid share the count: give each its own id range (distinct `lxc.idmap` ranges, LXD/Incus `security.idmap.isolated=true`). On the host, count the uid's tasks: `ps -L -u \(hostUid) --no-headers | wc -l`."
                )
            } else if identity.userNamespace == true {
                advice.append(
                    "Or raise the limit where the container's creator starts, before it makes the namespace: `ulimit -u \(soft * 4)` in the shell that runs the runtime, `LimitNPROC=` of user@\(hostUid).service, `nproc` in /etc/security/limits.conf; the cap inside is the creator's at namespace creation. On the host, count the uid's tasks: `ps -L -u \(hostUid) --no-headers | wc -l`."
                )
            } else {
                advice.append(
                    "Or raise it where the process starts: `ulimit -u \(soft * 4)` in the shell that starts it (raising the hard limit needs CAP_SYS_RESOURCE), `--ulimit nproc=\(soft * 4)` at `docker run` / `podman run`, `LimitNPROC=` in a unit."
                )
            }
        } else {
            // A value someone wrote (§11.220): where it came from, unless a
            // unit, a distribution's drop-in or the program itself is named.
            let chosen =
                unitAdvice == nil && SelfSetNPROC.program(context) == nil
                    && DistroNPROCDefault.advice(soft: soft, kernel: context.record.kernel) == nil
                ? ChosenNPROC.note(soft: soft, threadsMax: context.record.pid?.threadsMax).map { " " + $0 } ?? "" : ""
            advice += [
                "Raise it where the process starts, e.g. to four times the \(soft) in force: `ulimit -u \(soft * 4)` in the launching shell, `LimitNPROC=\(soft * 4)` in a systemd unit, `nproc` in /etc/security/limits.conf (login sessions)."
                    + chosen,
                NPROCRestart.line(context, pid: pid),
            ]
            // The shared-uid advice above already says whose uid to change;
            // another uid does nothing for a process that holds the count itself.
            if containersOfUid == nil, ownThreads == nil {
                advice.append(
                    "Or run the workload under its own uid, so that other processes of uid \(uid) do not count against it."
                )
            }
            // For root that would end every process of the machine or container.
            if uid != "0" { advice.append(NPROCRelief.stuckShell(uid: uid)) }
        }
        if ownThreads == nil, let fewer = NPROCRelief.fewerThreads(kind: context.kind) { advice.append(fewer) }
        if let distro = DistroNPROCDefault.advice(
            soft: soft, kernel: context.record.kernel, inContainer: context.identity.isContained)
        {
            advice.insert(distro, at: 0)
        }
        advice.insert(contentsOf: leadingAdvice, at: 0)
        // The program's own setting is the one to change (§11.19).
        if let setter = SelfSetNPROC.program(context) { advice.insert(setter.fix, at: 0) }
        var verdict = Verdict(
            id: .rlimitNPROC,
            confidence: confidence,
            summary: "RLIMIT_NPROC reached by \(shared)",
            bindingLimit: BindingLimit(
                key: "rlimit_nproc:uid=\(uid)",
                name: "RLIMIT_NPROC of uid \(uid)" + (identity.hostUid.map { " (host uid \($0))" } ?? "")),
            kernelRule: kernelRule(context),
            misleadingNote: MisleadingErrno.notMemoryNote(context),
            evidence: evidence,
            advice: advice
        )
        ExpectedErrno.check(&verdict, cause: .rlimitNPROC, in: context)
        return verdict
    }
}
