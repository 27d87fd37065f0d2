/// `unexplained`: no rule matched. FACTS §5: "counters can disagree with the
/// failure: say so, and never invent a cause". The evidence shows the limits
/// that came closest, so the reader can judge.
struct UnexplainedRule: ClassificationRule {
    func evaluate(_ context: FailureContext) -> Verdict? {
        var evidence = ClosestLimits.lines(for: context.record, count: 3)
        if evidence.isEmpty {
            evidence.append("the record holds no limit that could be compared")
        }
        if let unreadable = context.record.unreadable, !unreadable.isEmpty {
            evidence.append("could not be read by the shim: \(unreadable.joined(separator: ", "))")
        }
        evidence.append(Self.disagreementNote)
        return Verdict(
            id: .unexplained,
            confidence: .low,
            summary: "\(context.callName) failed with \(context.errnoDescription), no limit matches",
            bindingLimit: BindingLimit(key: "unexplained", name: "no limit identified"),
            kernelRule: "no kernel rule matched the recorded numbers",
            misleadingNote: nil,
            evidence: evidence,
            advice: [
                "Run `forkexplain explain \(context.errnoDescription)` for the causes that give this errno and the command that checks each.",
                "If it happens again, compare the closest limits above at the moment of failure (`dmesg` may show \"fork rejected by pids controller\").",
            ]
        )
    }

    static let disagreementNote =
        "counters can disagree with the failure (FACTS §5): a limit may have been hit and released before the snapshot, or be invisible from here (tasks of the same uid in other containers, a parent cgroup not mounted)"
}

/// The limits of a record with how much of each was used, fullest first.
enum ClosestLimits {
    struct Usage {
        var share: Double
        var line: String
    }

    static func lines(for record: LogRecord, count: Int) -> [String] {
        Array(usages(record).sorted { $0.share > $1.share }.prefix(count).map(\.line))
    }

    static func usages(_ record: LogRecord) -> [Usage] {
        var usages: [Usage] = []
        func add(_ used: Int64, _ limit: Int64, _ line: String) {
            guard limit > 0 else { return }
            usages.append(Usage(share: Double(used) / Double(limit), line: line))
        }
        for level in record.cgroups?.pids ?? [] {
            if let max = level.max?.number, let current = level.current {
                add(current, max, "pids.max \(level.path ?? "?"): \(current) of \(max) used (\(Quantity.percent(current, of: max)))")
            }
        }
        if let limits = record.limits, limits.nprocExempt == nil, let soft = limits.nproc?.soft?.number,
            let tasks = limits.uidTasks
        {
            let uid = record.process?.uid.map(String.init) ?? "?"
            add(tasks, soft, "RLIMIT_NPROC uid \(uid): \(tasks) of \(soft) (\(Quantity.percent(tasks, of: soft)))")
        }
        if let pid = record.pid, let pidMax = pid.pidMax {
            if pid.isNested, let tasks = pid.nsTasks {
                add(tasks, pidMax, "pid_max of PID namespace pid:[\(pid.pidNs ?? 0)]: \(tasks) of \(pidMax)")
            }
            if let tasks = pid.hostTasks {
                add(tasks, pidMax, "kernel.pid_max: \(tasks) of \(pidMax) (\(Quantity.percent(tasks, of: pidMax)))")
            }
        }
        if let pid = record.pid, let threadsMax = pid.threadsMax, let tasks = pid.hostTasks {
            add(tasks, threadsMax, "kernel.threads-max: \(tasks) of \(threadsMax)")
        }
        if let memory = record.memory {
            if let limit = memory.commitLimitKb, let committed = memory.committedAsKb {
                add(committed, limit, "commit: \(Quantity.kibibytes(committed)) of \(Quantity.kibibytes(limit)) (overcommit_memory \(memory.overcommitMemory.map(String.init) ?? "?"))")
            }
            if let total = memory.memTotalKb, let available = memory.memAvailableKb {
                add(total - available, total, "memory: \(Quantity.kibibytes(total - available)) of \(Quantity.kibibytes(total)) in use")
            }
            if let maps = memory.mapCount, let maximum = memory.maxMapCount {
                add(maps, maximum, "vm.max_map_count: \(maps) of \(maximum)")
            }
        }
        for level in record.cgroups?.memory ?? [] {
            if let max = level.maxBytes?.number, let current = level.currentBytes {
                add(current, max, "memory cgroup \(level.path ?? "?"): \(Quantity.bytes(current)) of \(Quantity.bytes(max))")
            }
        }
        return usages
    }
}
