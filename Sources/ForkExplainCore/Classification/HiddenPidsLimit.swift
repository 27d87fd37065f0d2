/// `cgroup_pids_limit` on a level above everything a container can see
/// (docs/kernel-facts.md §6.6, §6.21). The process sees its own levels with
/// `pids.max = max`; what is left inside is the forking cgroup's own
/// `pids.events` (v1, v2 before 6.11, `pids_localevents`) or, on v2 since
/// 6.11 by default, nothing but the errno.
enum HiddenPidsLimit {
    /// The forking cgroup's counter rose and no visible level explains it.
    static func fromCounters(
        _ context: FailureContext, levels: [PIDsCgroupLevel], limited: [CgroupPidsRule.Limited],
        semantics: PidsEventSemantics
    ) -> Verdict? {
        guard context.identity.isContainerView, semantics != .hierarchical, let own = levels.first,
            let counted = own.eventsMax, counted > 0
        else { return nil }
        var evidence = [
            "pids.events max \(counted) in \(own.dir ?? "?") (the process's own cgroup \(own.path ?? "?")): forks from this cgroup were refused \(counted) times; \(semantics.description) (docs/kernel-facts.md §6.6)"
        ]
        // With no visible limit at all, only a level above can have refused.
        let confidence: Confidence = limited.isEmpty ? .high : .medium
        if limited.isEmpty {
            evidence.append(
                "no level visible from here has a limit (pids.max max at \(levels.compactMap(\.path).joined(separator: ", "))): the refusing level is above them"
            )
        } else {
            let far = limited.map { "\($0.level.path ?? "?") \($0.current) of \($0.max)" }
            evidence.append(
                "the visible limits were not reached (\(far.joined(separator: "; "))): one of them may have refused earlier, but the likelier refuser is above the view"
            )
        }
        return verdict(context, levels: levels, confidence: confidence, counted: counted, evidence: evidence)
    }

    /// v2 since 6.11 without `pids_localevents`: nothing visible counts a
    /// refusal from above (§6.21). Only a fallback, when no other rule found
    /// a cause for an EAGAIN inside a container: low confidence.
    static func inferred(_ context: FailureContext) -> Verdict? {
        let levels = context.record.cgroups?.pids ?? []
        let semantics = PidsEventSemantics(context)
        guard context.identity.isContainerView, semantics != .forkingCgroup, context.errnoIs("EAGAIN"),
            !levels.isEmpty, !levels.contains(where: { ($0.eventsMax ?? 0) > 0 || ($0.eventsMaxLocal ?? 0) > 0 })
        else { return nil }
        var evidence = [
            "\(context.callDescription) failed with EAGAIN, the errno of the pids controller (docs/kernel-facts.md §1), and no limit visible from here is full",
            "\(semantics.description): a refusal by a level above this container leaves pids.events and pids.events.local at 0 at every level it can read (docs/kernel-facts.md §6.21), as here",
        ]
        evidence += ClosestLimits.lines(for: context.record, count: 3).map { "not reached: \($0)" }
        return verdict(context, levels: levels, confidence: .low, counted: nil, evidence: evidence)
    }

    /// The round number a container's own count sits just under: a limit
    /// above it that someone chose is often a power of two or of ten
    /// (aks-engine's `--pod-max-pids` 100), and the few tasks it lacks are
    /// its neighbours' (a pod's pause container, a sidecar;
    /// docs/kernel-facts.md §11.17, §11.30).
    static func roundLimit(justAbove tasks: Int64) -> Int64? {
        var two: Int64 = 256
        while two < tasks { two *= 2 }
        var ten: Int64 = 100
        while ten < tasks { ten *= 10 }
        return [two, ten].filter { limit in
            let gap = limit - tasks
            return gap > 0 && gap <= Swift.max(4, limit / 64)
        }.min()
    }

    private static func verdict(
        _ context: FailureContext, levels: [PIDsCgroupLevel], confidence: Confidence, counted: Int64?,
        evidence: [String]
    ) -> Verdict {
        let identity = context.identity
        var evidence = evidence
        let own = levels.first?.path ?? "?"
        if let top = levels.last, let path = top.path {
            let current =
                top.current.map {
                    "holds \($0) tasks (pids.current): the hidden limit counts them, with whatever else runs under the same parent\(identity.isKubernetes ? " (the pod's other containers and its pause container)" : "")"
                } ?? "is the highest level readable"
            evidence.append(
                "\(path), this container's own cgroup (\(PidsLevelPlace.containerOwnHow(path, identity: identity))), \(current)"
            )
            if let tasks = top.current, let limit = roundLimit(justAbove: tasks) {
                let rest =
                    identity.isKubernetes
                    ? "the pod's pause container and any sidecar make up the rest (podPidsLimit \(limit) is a common choice)"
                    : "tasks elsewhere under the same parent make up the rest"
                evidence.append(
                    "\(tasks) tasks here are \(limit - tasks) short of \(limit), a round number limits are set to: if the hidden limit is \(limit), \(rest)"
                )
            }
        }

        let here =
            counted.map { "; \($0) rejection\($0 == 1 ? "" : "s") counted here (pids.events of \(own))" }
            ?? "; inferred, no counter visible from here"
        let version = levels.first?.version
        var advice = PidsLimitOwner.advice(
            place: .above, path: nil, dir: nil, version: version, newMax: nil, identity: identity)
        if let root = identity.cgroupMountRoot, root != "/", let slash = root.lastIndex(of: "/") {
            let parent = root[..<slash].isEmpty ? "/" : String(root[..<slash])
            let base = version == 1 ? "/sys/fs/cgroup/pids" : "/sys/fs/cgroup"
            advice.append(
                "To find the level on the host: `grep . \(base)\(parent == "/" ? "" : parent)/pids.{max,current,events}` and the levels above it."
            )
        } else {
            advice.append(
                "To find the level on the host: `dmesg | grep 'fork rejected by pids controller'` names the forking cgroup; read pids.max of it and each parent."
            )
        }
        advice += CgroupPidsRule.leakAdvice(
            context, dir: levels.last?.dir ?? "/sys/fs/cgroup", tasks: levels.last?.current)

        var verdict = Verdict(
            id: .cgroupPidsLimit,
            confidence: confidence,
            summary: "cgroup pids limit reached above this container",
            bindingLimit: BindingLimit(
                key: "cgroup_pids:\(CgroupPidsRule.key("above", place: .above, identity: identity))",
                name: "a level above this container's cgroup (not visible from inside)\(here)"),
            kernelRule:
                "kernel/cgroup/pids.c pids_try_charge(): some ancestor's pids.current would pass its pids.max → -EAGAIN; every level up to the root is charged, visible or not",
            misleadingNote: MisleadingErrno.notMemoryNote(context),
            evidence: evidence,
            advice: advice
        )
        ExpectedErrno.check(&verdict, cause: .cgroupPids, in: context)
        return verdict
    }
}
