/// `memcg_limit`: the memory cgroup is at its limit and no OOM victim freed
/// room. docs/kernel-facts.md §1.3 "Memory cgroup": a kernel-stack charge over the limit runs
/// the memcg OOM killer; fork sees ENOMEM only if no victim is found (v2
/// `oom` rising without `oom_kill`), with v1 `oom_kill_disable 1`, or if the
/// forker is the victim. §6.10: on 3.12–4.18 the charge failed with ENOMEM
/// without any OOM kill, and a v1 kmem limit binds on its own counter
/// (task_struct and kernel stack are kernel memory) even when the memory
/// counter is far from its limit.
struct MemcgLimitRule: ClassificationRule {
    static let nearShare = 0.98

    private struct Finding {
        var level: MemoryCgroupLevel
        var near: Bool
        var kmem: Bool
        var memsw = false
        var lines: [String]
    }

    func evaluate(_ context: FailureContext) -> Verdict? {
        guard context.errnoSaysMemory else { return nil }
        var best: Finding?
        for level in context.record.cgroups?.memory ?? [] {
            guard let finding = Self.finding(level, context) else { continue }
            if best == nil || (finding.near && best?.near == false) { best = finding }
        }
        guard let best else { return nil }

        let path = best.level.path ?? "?"
        let dir = best.level.dir ?? "/sys/fs/cgroup\(path)"
        let binding =
            best.kmem
            ? BindingLimit(key: "memcg-kmem:\(path)", name: "kernel memory (kmem) limit of memory cgroup \(path)")
            : best.memsw
                ? BindingLimit(key: "memcg-memsw:\(path)", name: "memory+swap limit of memory cgroup \(path)")
                : BindingLimit(key: "memcg:\(path)", name: "memory cgroup \(path)")
        var advice: [String]
        if best.kmem {
            advice = [
                "Raise or remove the kmem limit of \(path): docker `--kernel-memory` (deprecated since Docker 20.10; recreate the container without it), or from the host `echo N > /sys/fs/cgroup/memory\(path)/memory.kmem.limit_in_bytes`.",
                "Kernel memory is task structs, kernel stacks and slab: fewer threads and processes in the cgroup need less of it (`cat \(dir)/memory.kmem.slabinfo`).",
            ]
        } else if best.memsw {
            advice = MemcgSwap.memswAdvice(path: path, dir: dir)
        } else {
            let file = best.level.version == 1 ? "memory.limit_in_bytes" : "memory.max"
            advice = [
                "Raise the cgroup's limit: `echo N > \(dir)/\(file)`; systemd `MemoryMax=`, docker `--memory`, Kubernetes `resources.limits.memory`.",
                "Or find what fills it: `cat \(dir)/memory.stat`.",
            ]
            if best.lines.contains(where: { $0.hasPrefix("memory.kmem.usage_in_bytes") }) {
                advice.insert(
                    "Kernel memory fills this cgroup: on a 3.10 (RHEL/CentOS 7) kernel, turn kmem accounting off for containers (a runc and kubelet built with `BUILDTAGS=nokmem`, or the `cgroup.memory=nokmem` boot option where the kernel has it) or move to a newer kernel; recreating the container frees its slab.",
                    at: 0)
            }
            if best.lines.contains(where: { $0.hasPrefix("memory.swap.") }) { advice.insert(MemcgSwap.v2Advice, at: 1) }
        }
        var verdict = Verdict(
            id: .memcgLimit,
            confidence: best.near ? .high : .medium,
            summary: best.kmem
                ? "memory cgroup kmem limit reached at \(path)"
                : best.memsw
                    ? "memory cgroup memory+swap limit reached at \(path)" : "memory cgroup limit reached at \(path)",
            bindingLimit: binding,
            kernelRule: kernelRule(context, kmem: best.kmem),
            misleadingNote: MisleadingErrno.glibcEPERMNote(context)
                ?? "Memory is short only inside cgroup \(path): the host may have plenty free.",
            evidence: best.lines,
            advice: advice
        )
        ExpectedErrno.check(&verdict, cause: .kernelMemory, in: context)
        return verdict
    }

    private func kernelRule(_ context: FailureContext, kmem: Bool) -> String {
        let charge = kmem ? "kmem charge over memory.kmem.limit_in_bytes" : "memcg charge over the limit"
        let outcome =
            kmem
            ? "→ -ENOMEM"
            : context.memcgFailsWithoutOOMKill == true
                ? "→ -ENOMEM without an OOM kill (kernel \(context.kernelDescription), 3.12–4.18)"
                : "with no OOM victim → -ENOMEM"
        return "kernel/fork.c dup_task_struct(): \(charge) \(outcome)"
            + (context.call == .pthreadCreate ? " (pthread_create returns EAGAIN)" : "")
    }

    private static func finding(_ level: MemoryCgroupLevel, _ context: FailureContext) -> Finding? {
        let dir = level.dir ?? "/sys/fs/cgroup\(level.path ?? "")"
        let version = level.version ?? 2
        var lines: [String] = []
        var near = false
        var kmem = false
        if let max = level.kmemMaxBytes?.number, max > 0, let current = level.kmemCurrentBytes {
            let full = Double(current) >= Double(max) * nearShare
            let failcnt = level.kmemFailcnt ?? 0
            if full || failcnt > 0 {
                kmem = true
                near = full
                lines.append(
                    "memory.kmem.usage_in_bytes \(Quantity.bytes(current)) is \(Quantity.percent(current, of: max)) of memory.kmem.limit_in_bytes \(Quantity.bytes(max)) in \(dir) (cgroup \(level.path ?? "?"), v1), memory.kmem.failcnt \(failcnt): kernel memory (task structs, kernel stacks) is charged against the kmem limit"
                )
                if let memMax = level.maxBytes?.number, let memCurrent = level.currentBytes {
                    lines.append(
                        "the memory counter is at \(Quantity.percent(memCurrent, of: memMax)) (\(Quantity.bytes(memCurrent)) of \(Quantity.bytes(memMax))): it is the kmem limit that binds, not memory.limit_in_bytes (docs/kernel-facts.md §6.10)"
                    )
                }
            }
        }
        var memsw = false
        if !kmem, let found = MemcgSwap.memsw(level, dir: dir, share: nearShare) {
            memsw = found.full
            near = found.full
            lines += found.lines
        }
        if !kmem, !memsw, let max = level.maxBytes?.number, let current = level.currentBytes, max > 0,
            Double(current) >= Double(max) * nearShare
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
        if near { lines += MemcgSwap.v2Lines(level, dir: dir, share: nearShare) }
        guard !lines.isEmpty else { return nil }
        if near, let share = kmemShareLine(level, dir: dir) { lines.append(share) }
        if near, context.memcgFailsWithoutOOMKill == true {
            lines.append(
                "on kernel \(context.kernelDescription) (3.12–4.18) a memory cgroup at its limit fails the fork's kernel charges with ENOMEM without an OOM kill: no victim evidence is needed (docs/kernel-facts.md §6.10)"
            )
        } else if near, version == 1, let kills = level.oomKill {
            lines.append("memory.oom_control oom_kill \(kills) in \(dir): tasks the OOM killer has killed here")
        }
        return Finding(level: level, near: near, kmem: kmem, memsw: memsw, lines: lines)
    }

    /// docs/kernel-facts.md §11.3: with v1 kmem accounting on (any kmem
    /// limit written, as runc and kubelet did), slab, task structs and
    /// stacks are charged to the memory counter too; when they are most of
    /// it, the process's own memory is not what filled the cgroup.
    private static func kmemShareLine(_ level: MemoryCgroupLevel, dir: String) -> String? {
        guard level.version == 1, let kmem = level.kmemCurrentBytes, let current = level.currentBytes,
            current > 0, kmem * 2 >= current
        else { return nil }
        return
            "memory.kmem.usage_in_bytes \(Quantity.bytes(kmem)) is \(Quantity.percent(kmem, of: current)) of that usage in \(dir): kernel memory (slab, task structs, kernel stacks), not the program's, filled the cgroup; kernels before 4.0 do not shrink a cgroup's slab when it reaches its limit, so it stays charged (docs/kernel-facts.md §11.3)"
    }
}
