/// Every limit of a snapshot that can stop process or thread creation, with
/// how much of it is used. Serves `forkexplain check` (live) and the
/// `unexplained` verdict (the closest limits at the failure). Each limit is
/// one of docs/kernel-facts.md §1's causes.
enum Headroom {
    /// Settings that switch a kind of creation off rather than fill up:
    /// `user.max_user_namespaces` at 0 in the process's own user namespace
    /// refuses every CLONE_NEWUSER (RootlessKit, containerd's pod
    /// namespaces, bwrap, podman). Kept out of `usages`: it is a host's
    /// choice (RHEL 7's default, hardening guides), not a limit running
    /// out, so it must neither set check's status nor crowd a report's
    /// closest limits. Only the 0 is a finding: the count held is not
    /// exposed, and an ancestor's limit is not readable from inside
    /// (docs/kernel-facts.md §11.76, §11.78).
    static func turnedOff(of record: LogRecord, sources: Bool = true) -> [LimitUsage] {
        guard let pid = record.pid, pid.maxUserNamespaces == 0, let own = record.container?.userNs,
            own == pid.limitsUserNs
        else { return [] }
        return [
            LimitUsage(
                limit: .usernsCount, scope: "user:[\(own)]", used: 0, max: 0, unit: .namespaces,
                source: sources ? "/proc/sys/user/max_user_namespaces, /proc/PID/ns/user" : "",
                verdict: .usernsCount)
        ]
    }

    /// `uid 1000`, or, when the uid maps to another host uid (a user
    /// namespace), `uid 0 (host uid 1000, …)`: the kernel counts the host
    /// uid's tasks everywhere, and this /proc lists only the namespace's,
    /// so the count is a floor, not the whole (docs/kernel-facts.md §6.4,
    /// §11.108).
    static func nprocScope(_ record: LogRecord) -> String {
        guard let uid = record.process?.uid else { return "uid ?" }
        guard let container = record.container, container.inUserNamespace == true,
            let host = container.hostUid(of: Int64(uid)), host != Int64(uid)
        else { return "uid \(uid)" }
        return "uid \(uid) (host uid \(host), whose tasks outside this user namespace are not counted here)"
    }

    /// Every limit, fullest first. Without `sources` each `source` is left
    /// empty: the `unexplained` verdict shows a record's closest limits by
    /// `line` alone, and making every limit's source text was a twentieth
    /// of the report's CPU (docs/performance.md).
    static func usages(of record: LogRecord, sources: Bool = true) -> [LimitUsage] {
        var usages: [LimitUsage] = []
        func add(
            _ limit: LimitKind, _ scope: String, _ used: Int64, _ max: Int64, _ unit: LimitUnit,
            _ source: @autoclosure () -> String, _ verdict: VerdictID, depth: Int? = nil
        ) {
            guard max > 0 else { return }
            usages.append(
                LimitUsage(
                    limit: limit, scope: scope, used: used, max: max, unit: unit,
                    source: sources ? source() : "", verdict: verdict, depth: depth))
        }
        let pid = record.pid ?? PIDSnapshot()
        // A namespace whose init has exited refuses every fork (docs/kernel-facts.md §1).
        if let children = pid.pidForChildrenNs, let own = pid.pidNs, children != own, pid.childrenNsTasks == 0 {
            add(.pidnsInit, "pid:[\(children)]", 1, 1, .tasks, "/proc/PID/ns/pid_for_children", .pidNamespaceInitDead)
        }
        for level in record.cgroups?.pids ?? [] {
            if let max = level.max?.number, let current = level.current {
                add(
                    .cgroupPids, level.path ?? "?", current, max, .tasks,
                    "\(level.dir ?? "?")/pids.{current,max}", .cgroupPidsLimit, depth: CgroupDepth.of(level.path))
            }
        }
        if let limits = record.limits, limits.nprocExempt == nil, let soft = limits.nproc?.soft?.number,
            let tasks = limits.uidTasks
        {
            add(
                .rlimitNPROC, nprocScope(record), tasks, soft, .tasks, "/proc/PID/limits, /proc/*/status",
                .rlimitNPROC)
        }
        // Measured against what the namespace can hold, as the pid_max
        // verdict is (PIDSpace.capacity, docs/kernel-facts.md §6.17); the
        // host line only where the record shows the host's pid_max (§6.19).
        if let pidMax = pid.pidMax {
            func source(_ low: Int64?, _ counted: String, _ pidMax: Int64) -> String {
                let below = low.map { " + \($0) tasks below 300" } ?? " (tasks below 300 not counted)"
                return "/proc/sys/kernel/pid_max \(pidMax) − 300\(below), \(counted)"
            }
            if pid.isNested, let tasks = pid.nsTasks {
                add(
                    .pidMax, "pid:[\(pid.pidNs ?? 0)]", tasks,
                    PIDSpace.capacity(pidMax: pidMax, lowTasks: pid.nsLowTasks), .tasks,
                    source(pid.nsLowTasks, "/proc/*/ns/pid, NSpid", pidMax), .pidMax)
            }
            if let tasks = pid.hostTasks, let host = PIDSpace.hostPIDMax(pid, kernel: ReleaseVersion(record.kernel)) {
                add(
                    .pidMax, "host", tasks, PIDSpace.capacity(pidMax: host, lowTasks: pid.hostLowTasks), .tasks,
                    source(pid.hostLowTasks, "/proc/loadavg", host), .pidMax)
            }
        }
        if let threadsMax = pid.threadsMax, let tasks = pid.hostTasks {
            add(
                .threadsMax, "host", tasks, threadsMax, .tasks, "/proc/sys/kernel/threads-max, /proc/loadavg",
                .threadsMax)
        }
        if let memory = record.memory {
            // The commit limit binds only in strict mode (docs/kernel-facts.md §1.3).
            if memory.overcommitMemory == 2, let limit = memory.commitLimitKb, let committed = memory.committedAsKb {
                add(
                    .commit, "host", committed * 1024, limit * 1024, .bytes,
                    "/proc/meminfo Committed_AS, CommitLimit",
                    .commitLimit)
            }
            if let total = memory.memTotalKb, let available = memory.memAvailableKb {
                let swapTotal = memory.swapTotalKb ?? 0
                let swapFree = memory.swapFreeKb ?? 0
                add(
                    .memory, "host", (total - available + swapTotal - swapFree) * 1024, (total + swapTotal) * 1024,
                    .bytes, "/proc/meminfo MemAvailable, SwapFree", .memoryExhausted)
            }
            if let maps = memory.mapCount, let maximum = memory.maxMapCount {
                add(
                    .mapCount, "pid \(record.process?.pid.map(String.init) ?? "?")", maps, maximum, .mappings,
                    "/proc/PID/maps, /proc/sys/vm/max_map_count", .mapCountLimit)
            }
            if let soft = record.limits?.as?.soft?.number, let size = memory.vmSizeKb {
                add(
                    .rlimitAS, "pid \(record.process?.pid.map(String.init) ?? "?")", size * 1024, soft, .bytes,
                    "/proc/PID/status VmSize, /proc/PID/limits", .rlimitAS)
            }
        }
        if let ubc = record.beancounters {
            // The rows BeancounterRule reads, in the units of LimitUnit.
            let ct = ubc.ctid.map { " (container \($0))" } ?? ""
            let rows: [(String, BeancounterRow?, Int64, LimitUnit, VerdictID)] = [
                ("numproc", ubc.numproc, 1, .tasks, .cgroupPidsLimit),
                ("privvmpages", ubc.privvmpages, 4096, .bytes, .commitLimit),
                ("kmemsize", ubc.kmemsize, 1, .bytes, .memcgLimit),
            ]
            for (name, row, scale, unit, verdict) in rows {
                guard let row, let held = row.held, let limit = row.finiteLimit else { continue }
                add(
                    .beancounter, "\(name)\(ct)", held * scale, limit * scale, unit,
                    "/proc/user_beancounters \(name) held, limit", verdict)
            }
        }
        if let lve = record.lve, let id = lve.id {
            // The limits LVERule reads; memory in 4 KiB pages.
            let rows: [(LimitKind, LVESnapshot.Resource?, Int64, LimitUnit, VerdictID, String)] = [
                (.lveNPROC, lve.nprocResource, 1, .tasks, .cgroupPidsLimit, "NPROC, lNPROC"),
                (.lveVMEM, lve.vmemResource, 4096, .bytes, .commitLimit, "MEM, lMEM"),
                (.lvePMEM, lve.pmemResource, 4096, .bytes, .memcgLimit, "MEMPHY, lMEMPHY"),
            ]
            for (kind, row, scale, unit, verdict, columns) in rows {
                guard let row else { continue }
                add(
                    kind, "of LVE \(id)", row.used * scale, row.limit * scale, unit, "/proc/lve/list \(columns)",
                    verdict)
            }
        }
        for level in record.cgroups?.memory ?? [] {
            if let max = level.maxBytes?.number, let current = level.currentBytes {
                add(
                    .cgroupMemory, level.path ?? "?", current, max, .bytes,
                    "\(level.dir ?? "?")/memory.{current,max}", .memcgLimit, depth: CgroupDepth.of(level.path))
            }
        }
        return usages.sorted { $0.share > $1.share }
    }
}

/// How deep a cgroup level sits below the root its record shows (`/` is 0):
/// a bounded name for it where its path, which holds ids, is not
/// (docs/monitoring.md).
enum CgroupDepth {
    static func of(_ path: String?) -> Int? {
        guard let path else { return nil }
        return path.split(separator: "/").count
    }
}

extension LogRecord {
    /// The /proc scan ran out of time (FORKEXPLAIN_SCAN_MS): the collector
    /// then leaves out the task counts by uid and by namespace, whose
    /// partial sums would read as headroom that is not there.
    var scanWasCut: Bool { top?.complete == false }
}
