/// `memcg_limit`: the memory cgroup is at its limit and no OOM victim freed
/// room. docs/kernel-facts.md §1 "Memory cgroup": a kernel-stack charge over the limit runs
/// the memcg OOM killer; fork sees ENOMEM only if no victim is found (v2
/// `oom` rising without `oom_kill`), with v1 `oom_kill_disable 1`, or if the
/// forker is the victim.
struct MemcgLimitRule: ClassificationRule {
    static let nearShare = 0.98

    func evaluate(_ context: FailureContext) -> Verdict? {
        guard context.errnoSaysMemory else { return nil }
        let levels = context.record.cgroups?.memory ?? []

        var best: (level: MemoryCgroupLevel, near: Bool, lines: [String])?
        for level in levels {
            let dir = level.dir ?? "/sys/fs/cgroup\(level.path ?? "")"
            let version = level.version ?? 2
            var lines: [String] = []
            var near = false
            if let max = level.maxBytes?.number, let current = level.currentBytes, max > 0,
                Double(current) >= Double(max) * Self.nearShare
            {
                near = true
                let names =
                    version == 1 ? ("memory.usage_in_bytes", "memory.limit_in_bytes") : ("memory.current", "memory.max")
                lines.append(
                    "\(names.0) \(Quantity.bytes(current)) is \(Quantity.percent(current, of: max)) of \(names.1) \(Quantity.bytes(max)) in \(dir) (cgroup \(level.path ?? "?"), v\(version))"
                )
            }
            if let events = level.events, let oom = events.oom, oom > (events.oomKill ?? 0) {
                lines.append(
                    "memory.events in \(dir): oom \(oom) > oom_kill \(events.oomKill ?? 0): the limit was hit and no victim was killed"
                )
            }
            if level.oomKillDisable == 1, let failcnt = level.failcnt, failcnt > 0 {
                lines.append(
                    "memory.oom_control oom_kill_disable 1 with memory.failcnt \(failcnt) in \(dir): charges fail instead of killing"
                )
            }
            guard !lines.isEmpty else { continue }
            if best == nil || (near && best?.near == false) { best = (level, near, lines) }
        }
        guard let best else { return nil }

        let path = best.level.path ?? "?"
        let dir = best.level.dir ?? "/sys/fs/cgroup\(path)"
        let file = best.level.version == 1 ? "memory.limit_in_bytes" : "memory.max"
        return Verdict(
            id: .memcgLimit,
            confidence: best.near ? .high : .medium,
            summary: "memory cgroup limit reached at \(path)",
            bindingLimit: BindingLimit(key: "memcg:\(path)", name: "memory cgroup \(path)"),
            kernelRule: "kernel/fork.c dup_task_struct(): memcg charge over the limit with no OOM victim → -ENOMEM"
                + (context.call == .pthreadCreate ? " (pthread_create returns EAGAIN)" : ""),
            misleadingNote: MisleadingErrno.glibcEPERMNote(context)
                ?? "Memory is short only inside cgroup \(path): the host may have plenty free.",
            evidence: best.lines,
            advice: [
                "Raise the cgroup's limit: `echo N > \(dir)/\(file)`; systemd `MemoryMax=`, docker `--memory`, Kubernetes `resources.limits.memory`.",
                "Or find what fills it: `cat \(dir)/memory.stat`.",
            ]
        )
    }
}
