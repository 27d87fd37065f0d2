/// The verdict of a tally that `FORKEXPLAIN_FILL=failure` wrote instead of a
/// snapshot because memory had no clear room for the failure path's buffers
/// (log-format.md, "tally", `fill_refused`). The check read, at the failure,
/// the first source short of 8 MiB: a memory cgroup level's usage and limit,
/// or the host's `MemAvailable`. That is a memory shortage named with its
/// numbers, not a full snapshot: the other limits were not read, so the
/// verdict is `medium` at most, and only when the errno is the one a
/// memory shortage gives.
enum FillRefusalVerdict {
    static func verdict(_ record: LogRecord) -> Verdict? {
        guard let refusal = record.fillRefused else { return nil }
        let context = FailureContext(record: record)
        switch refusal.reason {
        case "memcg": return memcg(refusal, context)
        case "mem_available": return memAvailable(refusal, context)
        default: return nil
        }
    }

    /// What a tally's verdict adds when no memory verdict can be given: the
    /// check's finding, so that the refused snapshot is never silent.
    static func note(_ record: LogRecord) -> String? {
        guard let refusal = record.fillRefused else { return nil }
        let need = Quantity.bytes(refusal.needBytes ?? 0)
        switch refusal.reason {
        case "memcg":
            guard let line = memcgLine(refusal) else { break }
            return "no snapshot: \(line)"
        case "mem_available":
            if let kb = refusal.memAvailableKb {
                return
                    "no snapshot: MemAvailable \(Quantity.kibibytes(kb)) was under the \(need) the shim asks before filling its buffers (FORKEXPLAIN_FILL=failure)"
            }
        case "unread":
            let source = refusal.source ?? "a memory source"
            if refusal.errnoName == "ENOMEM" {
                return
                    "no snapshot: opening \(source) failed with ENOMEM at the failure: the kernel could not allocate, or charge to the process's memory cgroup, the memory a file takes, so memory was short then (FORKEXPLAIN_FILL=failure took none and wrote a tally)"
            }
            return
                "no snapshot: the shim could not read \(source)\(refusal.errnoName.map { " (\($0))" } ?? "") to check for \(need) of room before filling its buffers (FORKEXPLAIN_FILL=failure), so it wrote a tally"
        default: break
        }
        return
            "no snapshot: FORKEXPLAIN_FILL=failure found no room to fill its buffers (\(refusal.reason ?? "no reason given"))"
    }

    private static let tallyOnlyLine =
        "only a tally was recorded (FORKEXPLAIN_FILL=failure takes no memory at such a failure): pids, RLIMIT_NPROC, pid_max and overcommit were not read"
    private static let fillAdvice =
        "For a full snapshot at such failures, set FORKEXPLAIN_FILL=start: the shim then fills its buffers at each process's first task creation (some 100 µs more a process, docs/performance.md)."

    private static func memcgLine(_ refusal: FillRefusal) -> String? {
        guard let current = refusal.currentBytes, let max = refusal.maxBytes else { return nil }
        let path = refusal.path ?? "?"
        let dir = refusal.dir ?? path
        let version = refusal.version ?? 2
        let names =
            refusal.counter == "memsw"
            ? ("memory.memsw.usage_in_bytes", "memory.memsw.limit_in_bytes")
            : version == 1 ? ("memory.usage_in_bytes", "memory.limit_in_bytes") : ("memory.current", "memory.max")
        return
            "\(names.0) \(Quantity.bytes(current)) is \(Quantity.percent(current, of: max)) of \(names.1) \(Quantity.bytes(max)) in \(dir) (cgroup \(path), v\(version)): \(Quantity.bytes(max - current)) left, under the \(Quantity.bytes(refusal.needBytes ?? 0)) the shim asks before filling its buffers, read at this failure"
    }

    private static func memcg(_ refusal: FillRefusal, _ context: FailureContext) -> Verdict? {
        guard context.errnoSaysMemory, let line = memcgLine(refusal), let current = refusal.currentBytes,
            let max = refusal.maxBytes, max > 0
        else { return nil }
        let path = refusal.path ?? "?"
        let dir = refusal.dir ?? path
        let memsw = refusal.counter == "memsw"
        let near = Double(current) >= Double(max) * MemcgLimitRule.nearShare
        let file = memsw ? "memory.memsw.limit_in_bytes" : refusal.version == 1 ? "memory.limit_in_bytes" : "memory.max"
        return Verdict(
            id: .memcgLimit,
            confidence: near ? .medium : .low,
            summary: memsw
                ? "memory cgroup memory+swap limit reached at \(path) (no snapshot)"
                : "memory cgroup limit reached at \(path) (no snapshot)",
            bindingLimit: memsw
                ? BindingLimit(key: "memcg-memsw:\(path)", name: "memory+swap limit of memory cgroup \(path)")
                : BindingLimit(key: "memcg:\(path)", name: "memory cgroup \(path)"),
            kernelRule: "kernel/fork.c dup_task_struct(): memcg charge over the limit with no OOM victim → -ENOMEM"
                + (context.call == .pthreadCreate ? " (pthread_create returns EAGAIN)" : ""),
            misleadingNote: "Memory is short only inside cgroup \(path): the host may have plenty free.",
            evidence: [
                line,
                near
                    ? "the cgroup was at \(Quantity.percent(current, of: max)) of its limit: a fork's kernel charges fail there"
                    : "the cgroup was within the shim's margin but not at its limit (\(Quantity.percent(current, of: max))): another cause is not ruled out",
                tallyOnlyLine,
            ],
            advice: [
                "Raise the cgroup's limit: `echo N > \(dir)/\(file)`; systemd `MemoryMax=`, docker `--memory`, Kubernetes `resources.limits.memory`.",
                "Or find what fills it: `cat \(dir)/memory.stat`.",
                fillAdvice,
            ]
        )
    }

    private static func memAvailable(_ refusal: FillRefusal, _ context: FailureContext) -> Verdict? {
        guard context.errnoSaysMemory, let kb = refusal.memAvailableKb else { return nil }
        return Verdict(
            id: .memoryExhausted,
            confidence: .low,
            summary: "host memory exhausted (no snapshot)",
            bindingLimit: BindingLimit(key: "memory:host", name: "RAM and swap (host)"),
            kernelRule: "kernel/fork.c dup_task_struct(): kernel stack / task_struct allocation failed → -ENOMEM"
                + (context.call == .pthreadCreate ? " (pthread_create returns EAGAIN)" : ""),
            evidence: [
                "MemAvailable \(Quantity.kibibytes(kb)) was under the \(Quantity.bytes(refusal.needBytes ?? 0)) the shim asks before filling its buffers, read at this failure (/proc/meminfo)",
                "swap, overcommit and the memory cgroups were not read: the host was short, whether or not that is what refused",
                tallyOnlyLine,
            ],
            advice: [
                "Find what holds the memory: `ps -eo pid,rss,comm --sort=-rss | head`; add RAM or swap.",
                fillAdvice,
            ]
        )
    }
}
