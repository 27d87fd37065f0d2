/// `cgroup_pids_limit`: a level of the pids controller is full. docs/kernel-facts.md §1, row
/// "cgroup pids controller": kernel/cgroup/pids.c pids_try_charge() checks
/// every ancestor and fails with EAGAIN; docs/kernel-facts.md §5: the binding level often
/// sits on a parent.
struct CgroupPidsRule: ClassificationRule {
    func evaluate(_ context: FailureContext) -> Verdict? {
        let levels = context.record.cgroups?.pids ?? []
        let limited = levels.enumerated().compactMap { index, level -> (Int, PIDsCgroupLevel, Int64, Int64)? in
            guard let max = level.max?.number, let current = level.current else { return nil }
            return (index, level, max, current)
        }

        let confidence: Confidence
        let binding: (Int, PIDsCgroupLevel, Int64, Int64)
        if let full = limited.filter({ $0.3 >= $0.2 }).min(by: { $0.2 < $1.2 }) {
            confidence = .high
            binding = full
        } else if let recent = limited.first(where: { ($0.1.eventsMax ?? 0) > 0 && $0.3 >= $0.2 - 2 }) {
            // Tasks may have exited between the refusal and the snapshot.
            confidence = .medium
            binding = recent
        } else {
            return nil
        }

        let (index, level, max, current) = binding
        let path = level.path ?? "?"
        let dir = level.dir ?? "/sys/fs/cgroup\(path)"
        let version = level.version.map { "v\($0)" } ?? "v?"
        let relation = current >= max ? (current == max ? "=" : ">") : "<"
        var evidence = [
            "pids.current \(current) \(relation) pids.max \(max) in \(dir) (cgroup \(path), \(version))"
        ]
        if let events = level.eventsMax, events > 0 {
            evidence.append("pids.events max \(events) in \(dir): the controller has refused forks here")
        }
        if confidence == .medium {
            evidence.append(
                "no level was at its limit when the snapshot was taken, but \(path) was within 2 of it and has refused forks before: tasks may have exited in between"
            )
        }
        if index > 0 {
            let own = levels.first?.path ?? "?"
            evidence.append(
                "the binding limit is on \(path), a PARENT of the process's own cgroup \(own) (\(index) level\(index == 1 ? "" : "s") up): raising the limit of \(own) alone will not help"
            )
        }
        for other in limited where other.0 != index && other.3 >= other.2 {
            evidence.append("\(other.1.path ?? "?") is full too: pids.current \(other.3), pids.max \(other.2)")
        }

        var advice = [
            "Raise the limit of that level: `echo \(Swift.max(max * 2, max + 64)) > \(dir)/pids.max`.",
            "If a service manager sets it: systemd `TasksMax=` on the unit (`systemctl set-property UNIT TasksMax=N`), docker `--pids-limit`, Kubernetes kubelet `podPidsLimit`, podman/CRI-O `pids_limit`.",
        ]
        if let holders = context.record.top?.holders, let first = holders.first {
            advice.append(
                "Check the top holders for a leak before raising anything: \(first.comm ?? "?") (pid \(first.pid.map(String.init) ?? "?")) holds \(first.threads ?? 0) threads."
            )
        } else {
            advice.append(
                "Look for a leak first: `ps -L -o pid,comm --no-headers -p $(cat \(dir)/cgroup.procs) | sort -k2 | uniq -c -f1 | sort -rn | head`."
            )
        }

        var verdict = Verdict(
            id: .cgroupPidsLimit,
            confidence: confidence,
            summary: "cgroup pids limit reached at \(path)",
            bindingLimit: BindingLimit(key: "cgroup_pids:\(path)", name: "cgroup pids \(path)"),
            kernelRule:
                "kernel/cgroup/pids.c pids_try_charge(): pids.current would pass pids.max at \(path) → -EAGAIN (dmesg once: \"cgroup: fork rejected by pids controller in \(path)\")",
            misleadingNote: MisleadingErrno.notMemoryNote(context),
            evidence: evidence,
            advice: advice
        )
        ExpectedErrno.check(&verdict, cause: .cgroupPids, in: context)
        return verdict
    }
}
