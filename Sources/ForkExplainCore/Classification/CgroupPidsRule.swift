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
        // Processes counted where the limit counts threads (§11.225).
        if let threads = ThreadsNotProcesses.line(
            context.record.top, tasks: current, dir: dir, place: place, nested: context.record.pid?.isNested == true)
        {
            evidence.append(threads)
        }
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

        let newMax = max == 0 ? nil : PidsLimitOwner.raised(max)
        var leadingPools: String?
        var advice = PidsLimitOwner.advice(
            place: place, path: level.path, dir: dir, version: level.version, newMax: newMax, identity: identity)
        // Where the kernel keeps pids.peak, the unit's peak sizes its raise (§11.214).
        SystemdUnit.sizeFromPeak(&advice, level: level, dir: dir, newMax: newMax)
        if let newMax, let next = Self.nextLimit(above: binding, raisedTo: newMax, limited: limited) {
            advice.insert(next, at: Swift.min(1, advice.count))
        }
        // kubepods at what kubelet read when it started (§11.205).
        if let stale = KubeletNode.staleCapacity(path: level.path, max: max, pid: context.pid) {
            evidence.append(stale.evidence)
            advice.insert(stale.advice, at: Swift.min(1, advice.count))
        }
        // A pod's limit counts its sidecars too (§11.147).
        if max > 0, let pod = KubernetesPod.Share.of(levels, index: index) {
            evidence.append(pod.evidence)
            advice.insert(pod.advice, at: Swift.min(1, advice.count))
        }
        if max == 0 {
            // docs/kernel-facts.md §11.11: nobody means 0; a runtime wrote
            // it, and raising "the limit" by its owner's knob is not the fix.
            evidence.append(Self.zeroLimitEvidence)
            advice = [Self.zeroLimitAdvice(identity)] + advice.filter { $0.hasPrefix("Find the pod") }
        } else if let vm = ErlangVMThreads.finding(context) {
            // A VM that failed while it started leaks nothing: its own
            // thread set is what the limit must hold (§11.80).
            evidence.append(vm.evidence)
            advice.insert(ErlangVMThreads.advice, at: Swift.min(1, advice.count))
        } else if let server = WebServerWorkers.finding(context, limit: max) {
            // A server asks for the tasks its settings say (§11.83–§11.85).
            evidence.append(server.evidence)
            advice.insert(server.advice, at: Swift.min(1, advice.count))
        } else if let database = DatabaseServerLimit.finding(context, limit: max, limitName: "pids.max") {
            // The postmaster forks what max_connections allows (§11.94),
            // mongod a thread per connection (§11.96).
            evidence.append(database.evidence)
            advice.insert(database.advice, at: Swift.min(1, advice.count))
        } else if let program = ServerProgramForks.finding(context, limit: max, limitName: "pids.max") {
            // sshd, cron, nginx, git, runc init: whose limit it is and the
            // program's own knob (§11.126).
            evidence.append(program.evidence)
            advice.insert(program.advice, at: Swift.min(1, advice.count))
            if program.keepsLeakAdvice { advice += Self.leakAdvice(context, dir: dir, tasks: current) }
        } else if let python = PythonForkWorkers.finding(context, limit: max) {
            // Workers are what the program was told, or the CPUs (§11.89);
            // a script can also leak children, so the leak count stays.
            evidence.append(python.evidence)
            advice.insert(python.advice, at: Swift.min(1, advice.count))
            advice += Self.leakAdvice(context, dir: dir, tasks: current)
        } else if let pools = HolderScope.cgroup(context, place: place, path: path, tasks: current)?.leadingAdvice {
            // One program's pools, or one process, hold the level: its own
            // knob first, then the limit, then the count (§11.183, §11.184).
            advice.insert(pools, at: 0)
            leadingPools = pools
            advice += Self.leakAdvice(context, dir: dir, tasks: current, holdersNamed: true)
        } else {
            advice += Self.leakAdvice(context, dir: dir, tasks: current)
        }
        if place == .hostPath, let pid = context.record.pid, identity.containerId != nil,
            SystemdDefaultTasksMax.isRuntimeScope(path),
            let match = SystemdDefaultTasksMax.containerScope(
                limit: max, pidMax: pid.pidMax, threadsMax: pid.threadsMax, identity: identity)
        {
            // A container's transient scope seen from the node: a new
            // container gets a new scope, so the lasting fix leads (§11.218).
            evidence.append(match.evidence)
            advice.insert(match.advice, at: 0)
        } else if place == .hostPath, let pid = context.record.pid,
            let match = SystemdDefaultTasksMax.match(
                path: path, limit: max, pidMax: pid.pidMax, threadsMax: pid.threadsMax)
        {
            evidence.append(match.evidence)
            advice.insert(match.advice, at: 1)
            // A unit's limit that is systemd's default was never sized for
            // the program: its raise leads, the program's pools follow
            // (UniFi's unit at systemd 228's 512, §11.219, §11.225).
            if let leadingPools, let newMax {
                Self.raiseBeforePools(&advice, pools: leadingPools, path: path, n: newMax)
            }
            // A percentage of a threads-max sized from the boot memory (§11.30).
            if let boot = BootThreadsMax.finding(context) {
                evidence.append(boot.evidence)
                advice.insert(boot.advice, at: 0)
            }
        }
        // A guest systemd's unit: its default is a share of the
        // container's own limit, the top level read (§11.105).
        if place == .insideContainer, let pid = context.record.pid, let own = levels.last?.max?.number,
            let match = SystemdDefaultTasksMax.match(
                path: path, limit: max, pidMax: pid.pidMax, threadsMax: pid.threadsMax, rootPidsMax: own)
        {
            evidence.append(match.evidence)
            advice.insert(match.advice, at: Swift.min(1, advice.count))
        }
        // An entered shell lands in the guest's init.scope (§11.214).
        if place == .insideContainer, let entered = InitScopeEntered.finding(path: path, limit: max) {
            evidence.append(entered.evidence)
            advice.insert(entered.advice, at: 0)
        }
        if place == .containerOwn, let pid = context.record.pid,
            let match = SystemdDefaultTasksMax.containerScope(
                limit: max, pidMax: pid.pidMax, threadsMax: pid.threadsMax, identity: identity)
        {
            evidence.append(match.evidence)
            advice.insert(match.advice, at: Swift.min(1, advice.count))
        }
        // Zombies that fill the level are the leak: reaping them is the
        // fix, the owner's raise only a respite (§11.167).
        if let fill = HolderEvidence.zombiesFill(context.record.top, tasks: current),
            let reap = advice.firstIndex(where: { $0.hasPrefix(HolderEvidence.reapPrefix) }), reap > 0
        {
            evidence.append(fill)
            advice.insert(advice.remove(at: reap), at: 0)
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

    /// The unit's TasksMax= fix first and the leading pools advice right
    /// after it, where the unit's limit is a default nobody chose.
    static func raiseBeforePools(_ advice: inout [String], pools: String, path: String, n: Int64) {
        guard let unit = SystemdUnit.last(of: path), advice.first == pools else { return }
        let fixText = SystemdUnit.tasksMaxFix(unit, n: String(n))
        guard let fix = advice.firstIndex(where: { $0.contains(fixText) }) else { return }
        let raise = advice.remove(at: fix)
        advice.removeFirst()
        advice.insert(contentsOf: [raise, pools], at: 0)
    }

    /// A container's "/" is not the host's: keys of different containers
    /// must not group into one incident.
    /// The level above the binding one that a raise to `newMax` would run
    /// into next: pids_try_charge() charges every ancestor, so a parent
    /// with less room than the raise gives binds as soon as it is used
    /// (docs/kernel-facts.md §5). The tightest such ancestor, in words.
    static func nextLimit(above binding: Limited, raisedTo newMax: Int64, limited: [Limited]) -> String? {
        let growth = newMax - binding.current
        guard growth > 0,
            let next = limited.filter({ $0.index > binding.index && $0.current + growth > $0.max })
                .min(by: { $0.max - $0.current < $1.max - $1.current })
        else { return nil }
        let room = Swift.max(next.max - next.current, 0)
        let path = next.level.path ?? "?"
        return
            "Raise \(path) too: it sits above \(binding.level.path ?? "?") with pids.max \(next.max) and holds \(next.current), so it would refuse after \(room) more task\(room == 1 ? "" : "s"), not the \(growth) a raise to \(newMax) allows (\(next.current + growth) or more there)."
    }

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

    static let zeroLimitEvidence =
        "pids.max 0 admits no task at all (the ones there were moved in, which the controller never refuses): no one sets that on purpose; it is what runc 1.4 and later write for a pids.limit of 0, which the engine above it meant as \"no limit\" (docs/kernel-facts.md §11.11)"

    /// The engine that passed 0 for "unlimited", by the runtime that shows.
    static func zeroLimitAdvice(_ identity: ContainerIdentity) -> String {
        switch identity.runtime {
        case .podman?:
            return
                "Pass no limit as -1, not 0: podman before the fix of containers/podman#25408 turns `--pids-limit -1` into 0 for the OCI runtime; upgrade podman, or give a real number (`--pids-limit 4096`), or use crun, which reads 0 as unlimited."
        case .docker?:
            return
                "Pass no limit as -1 (`--pids-limit -1`), not 0: with runc 1.4 and later a pids.limit of 0 means 0 tasks; upgrade the engine or give a real number."
        default:
            return
                "Make the engine pass -1 for no limit: CRI-O before 1.29 passes its default `pids_limit = 0` to the OCI runtime, which runc 1.4 and later write as pids.max 0; set `pids_limit = -1` in crio.conf (`[crio.runtime]`) and restart CRI-O (the default since 1.29), or pin runc below 1.4 until then. kubelet's `podPidsLimit` does not reach this level."
        }
    }

    /// What to look at before raising the limit: the zombies' parent when
    /// one may fill the level (first), then who holds the level's tasks.
    /// `holdersNamed`: the first fix already names the holders, so only
    /// the count under the level is left to give.
    static func leakAdvice(_ context: FailureContext, dir: String, tasks: Int64?, holdersNamed: Bool = false)
        -> [String]
    {
        let reaper = HolderEvidence.reapAdvice(context.record.top, tasks: tasks)
        // The holders are namespace-wide, so the parent may not be in the
        // level at all: the count under the level still says who is.
        let count =
            holdersNamed
            ? levelCount(
                context, dir: dir, lead: "See what else holds the level, counting the threads of every process under it"
            )
            : leakCount(context, dir: dir, tasks: tasks)
        return (reaper.map { [$0] } ?? []) + [count]
    }

    private static func leakCount(_ context: FailureContext, dir: String, tasks: Int64?) -> String {
        // A process that holds under a quarter of the level is not where
        // its tasks are (a go command's 45 threads beside its 330 compile
        // children, §11.170): the count under the level says who is.
        func isMuch(_ held: Int64) -> Bool { tasks.map { held * 4 >= $0 } ?? true }
        // The holders are the whole PID namespace's, not the cgroup's: only
        // the failing process, or another copy of its program (a worker of
        // the same pool), is likely to be one of the cgroup's.
        if let holders = context.record.top?.holders, let first = holders.first, let pid = first.pid,
            pid == context.record.process?.pid
                || (first.comm != nil && first.comm == context.record.process?.comm)
        {
            let comm = first.comm ?? "?"
            let same = holders.filter { $0.comm == first.comm }
            let held = same.reduce(Int64(0)) { $0 + ($1.threads ?? 0) }
            // A program of many processes (a browser, a pool of workers)
            // fills a limit with all of them, none leaking on its own; one
            // that holds most of them is the one to look at.
            guard same.count > 2, (first.threads ?? 0) * 2 < held else {
                if isMuch(first.threads ?? 0) {
                    return
                        "Check the top holders for a leak before raising anything: \(comm) (pid \(pid)) holds \(Quantity.threads(first.threads ?? 0))."
                }
                return levelCount(context, dir: dir)
            }
            guard isMuch(held) else { return levelCount(context, dir: dir) }
            return
                "Count the program, not one process: \(same.count) \(comm) processes among the top holders hold \(Quantity.threads(held)) between them (the most, pid \(pid), \(Quantity.threads(first.threads ?? 0))). If that is how many it needs, raise the limit or run fewer at once; if one of them keeps growing, that one leaks."
        }
        return levelCount(context, dir: dir)
    }

    private static func levelCount(
        _ context: FailureContext, dir: String,
        lead: String = "Look for a leak first, counting the threads of every process under that level"
    ) -> String {
        // Every cgroup.procs below the level: a parent's own lists none of
        // its children's tasks. One pid a line there; ps -p takes them
        // separated by commas, and a newline in its list is a syntax error.
        return
            "\(lead), \(whereToCount(context, dir: dir)): `ps -L -o pid,comm --no-headers -p \"$(cat $(find \(ShellWord.quoted(dir)) -name cgroup.procs) | paste -sd,)\" | sort -k2 | uniq -c -f1 | sort -rn | head`."
    }

    /// Where the leak count works as written: `dir` is the path as the
    /// failing process saw it, and cgroup.procs lists pids as the reader's
    /// PID namespace numbers them (a task outside it as 0), which `ps`
    /// must number the same way (docs/kernel-facts.md §11.18).
    static func whereToCount(_ context: FailureContext, dir: String) -> String {
        let pidNs = context.record.pid?.pidNs
        let ownPidNamespace = pidNs != nil && pidNs != PIDSnapshot.initialNamespace
        guard context.identity.isContainerView else {
            return ownPidNamespace
                ? "as root on the host, not inside the process's PID namespace pid:[\(pidNs ?? 0)] (\(dir) is the host's path, and from inside the namespace cgroup.procs leaves out every task outside it)"
                : "as root on this host"
        }
        var place = "inside the container, where \(dir) is the path (it is the container's view of its cgroup"
        if let root = context.identity.cgroupMountRoot, root != "/" { place += ", \(root) on the host" }
        place +=
            "); from the host: `nsenter --target PID --mount --pid -- sh -c '...'`, PID being any of its processes as the host numbers them"
        return place
    }
}
