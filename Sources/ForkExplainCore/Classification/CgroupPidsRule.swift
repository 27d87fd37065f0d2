/// `cgroup_pids_limit`: a level of the pids controller refused. docs/kernel-facts.md §1,
/// row "cgroup pids controller": kernel/cgroup/pids.c pids_try_charge() checks
/// every ancestor and fails with EAGAIN; docs/kernel-facts.md §5: the binding level often
/// sits on a parent, and inside a container above everything the process
/// can see (§6.6, §6.21: what the counters show from there).
struct CgroupPidsRule: ClassificationRule {
    /// A visible level with a limit: its index (own level 0), the level,
    /// pids.max and pids.current.
    typealias Limited = (index: Int, level: PIDsCgroupLevel, max: Int64, current: Int64)

    func evaluate(_ context: FailureContext) -> Verdict? {
        let levels = context.record.cgroups?.pids ?? []
        let limited: [Limited] = levels.enumerated().compactMap { index, level in
            guard let max = level.max?.number, let current = level.current else { return nil }
            return (index, level, max, current)
        }
        let semantics = PidsEventSemantics(context)

        if let full = limited.filter({ $0.current >= $0.max }).min(by: { $0.max < $1.max }) {
            return visible(full, .high, note: nil, limited: limited, context: context)
        }
        // docs/kernel-facts.md §6.6: since 6.11 the level whose own limit
        // refused is the one whose pids.events.local rose.
        if semantics == .hierarchical,
            let refusing = limited.first(where: { ($0.level.eventsMaxLocal ?? 0) > 0 })
        {
            let note =
                "pids.events.local max \(refusing.level.eventsMaxLocal ?? 0) in \(refusing.level.dir ?? "?"): on this kernel that counts refusals by this level's own pids.max (\(semantics.description)); it was not full when the snapshot was taken, tasks may have exited in between"
            return visible(refusing, .medium, note: note, limited: limited, context: context)
        }
        if let recent = limited.first(where: { ($0.level.eventsMax ?? 0) > 0 && $0.current >= $0.max - 2 }) {
            // Tasks may have exited between the refusal and the snapshot.
            let note =
                "no level was at its limit when the snapshot was taken, but \(recent.level.path ?? "?") was within 2 of it and has refused forks before: tasks may have exited in between"
            return visible(recent, .medium, note: note, limited: limited, context: context)
        }
        if let near = Self.nearWithoutEvents(limited, context) {
            // docs/kernel-facts.md §6.14: pids.events came in 4.8.
            let note =
                "no level was at its limit when the snapshot was taken, but \(near.level.path ?? "?") was at \(Quantity.percent(near.current, of: near.max)) of it, and this kernel (\(context.kernelDescription)) has no pids.events to count refusals (added in 4.8): tasks may have exited between the refusal and the snapshot"
            return visible(near, .medium, note: note, limited: limited, context: context)
        }
        return HiddenPidsLimit.fromCounters(context, levels: levels, limited: limited, semantics: semantics)
    }

    /// The fullest level within `CheckReport.criticalShare` of its limit
    /// when no level has a pids.events file to say whether it refused.
    static func nearWithoutEvents(_ limited: [Limited], _ context: FailureContext) -> Limited? {
        guard context.errno == nil || context.errnoIs("EAGAIN"),
            !limited.isEmpty, limited.allSatisfy({ $0.level.eventsMax == nil })
        else { return nil }
        return limited.filter { Double($0.current) >= Double($0.max) * CheckReport.criticalShare }
            .max { Double($0.current) / Double($0.max) < Double($1.current) / Double($1.max) }
    }

    private func visible(
        _ binding: Limited, _ confidence: Confidence, note: String?, limited: [Limited], context: FailureContext
    ) -> Verdict {
        let levels = context.record.cgroups?.pids ?? []
        let identity = context.identity
        let (index, level, max, current) = binding
        let path = level.path ?? "?"
        let dir = level.dir ?? "/sys/fs/cgroup\(path)"
        let version = level.version.map { "v\($0)" } ?? "v?"
        let place = PidsLevelPlace.of(index: index, in: levels, identity: identity)
        let described = PidsLevelPlace.describe(path, place: place, identity: identity)
        let relation = current >= max ? (current == max ? "=" : ">") : "<"
        var evidence = [
            "pids.current \(current) \(relation) pids.max \(max) in \(dir) (cgroup \(path), \(version))"
        ]
        if let events = level.eventsMax, events > 0 {
            evidence.append("pids.events max \(events) in \(dir): the controller has refused forks here")
        }
        if let note { evidence.append(note) }
        // Zombies hold their PIDs and count in pids.current until reaped.
        evidence.append(contentsOf: HolderEvidence.lines(context.record.top).filter { $0.contains("zombies hold") })
        if index > 0 {
            let own = levels.first?.path ?? "?"
            evidence.append(
                "the binding limit is on \(path), a PARENT of the process's own cgroup \(own) (\(index) level\(index == 1 ? "" : "s") up): raising the limit of \(own) alone will not help"
            )
        }
        if place == .containerOwn {
            evidence.append(
                "\(path) is this container's own cgroup (\(PidsLevelPlace.containerOwnHow(path, identity: identity))), not the host's root cgroup: its pids.max is set from outside the container and is read-only from inside"
            )
        }
        for other in limited where other.index != index && other.current >= other.max {
            evidence.append(
                "\(other.level.path ?? "?") is full too: pids.current \(other.current), pids.max \(other.max)")
        }

        var advice = PidsLimitOwner.advice(
            place: place, path: level.path, dir: dir, version: level.version,
            newMax: Swift.max(max * 2, max + 64), identity: identity)
        advice.append(Self.leakAdvice(context, dir: dir, tasks: current))
        if place == .hostPath, let pid = context.record.pid,
            let match = SystemdDefaultTasksMax.match(
                path: path, limit: max, pidMax: pid.pidMax, threadsMax: pid.threadsMax)
        {
            evidence.append(match.evidence)
            advice.insert(match.advice, at: 1)
        }

        var verdict = Verdict(
            id: .cgroupPidsLimit,
            confidence: confidence,
            summary: "cgroup pids limit reached at \(path)",
            bindingLimit: BindingLimit(
                key: "cgroup_pids:\(Self.key(path, place: place, identity: identity))", name: "cgroup pids \(described)"
            ),
            kernelRule:
                "kernel/cgroup/pids.c pids_try_charge(): pids.current would pass pids.max at \(path) → -EAGAIN (dmesg once: \"cgroup: fork rejected by pids controller in \(levels.first?.path ?? path)\", naming the forking cgroup)",
            misleadingNote: MisleadingErrno.notMemoryNote(context),
            evidence: evidence,
            advice: advice
        )
        ExpectedErrno.check(&verdict, cause: .cgroupPids, in: context)
        return verdict
    }

    /// A container's "/" is not the host's: keys of different containers
    /// must not group into one incident.
    static func key(_ path: String, place: PidsLevelPlace, identity: ContainerIdentity) -> String {
        guard place != .hostPath else { return path }
        let mountRoot: String? = identity.cgroupMountRoot == "/" ? nil : identity.cgroupMountRoot
        let namespace: String? = identity.cgroupNamespace.map { "cgroupns:\($0)" }
        let candidates: [String?] = [
            identity.containerId, identity.podUid, identity.machine, identity.lxcContainer, mountRoot, namespace,
            identity.hostname,
        ]
        let who = candidates.compactMap { $0 }.first ?? "container"
        return "\(who):\(path)"
    }

    static func leakAdvice(_ context: FailureContext, dir: String, tasks: Int64?) -> String {
        if let reaper = HolderEvidence.reapAdvice(context.record.top, tasks: tasks) { return reaper }
        // The holders are the whole PID namespace's, not the cgroup's: only
        // the failing process, or another copy of its program (a worker of
        // the same pool), is likely to be one of the cgroup's.
        if let first = context.record.top?.holders?.first, let pid = first.pid,
            pid == context.record.process?.pid
                || (first.comm != nil && first.comm == context.record.process?.comm)
        {
            return
                "Check the top holders for a leak before raising anything: \(first.comm ?? "?") (pid \(pid)) holds \(Quantity.threads(first.threads ?? 0))."
        }
        // Every cgroup.procs below the level: a parent's own lists none of its children's tasks.
        return
            "Look for a leak first, counting the threads of every process under that level: `ps -L -o pid,comm --no-headers -p \"$(cat $(find \(dir) -name cgroup.procs))\" | sort -k2 | uniq -c -f1 | sort -rn | head`."
    }
}
