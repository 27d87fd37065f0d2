/// `commit_limit`: overcommit accounting refused while RAM may be free.
/// docs/kernel-facts.md §1, row "overcommit refusal", and "Overcommit policy": fork's
/// dup_mmap() → security_vm_enough_memory_mm() → mm/util.c
/// __vm_enough_memory(). Mode 2 refuses once Committed_AS would pass
/// CommitLimit; a fork needs the parent's private writable memory (≈ VmData)
/// of headroom. Mode 0 before v5.2 refused a large parent's fork; since
/// 5.2 it refuses one whose single mapping is larger than RAM + swap.
struct CommitLimitRule: ClassificationRule {
    func evaluate(_ context: FailureContext) -> Verdict? {
        let memory = context.memory
        guard context.errnoSaysMemory, let mode = memory.overcommitMemory else { return nil }

        // What the failed call had to commit: a fork copies VmData; a thread
        // maps its stack; vfork and posix_spawn share the parent's memory.
        let needKb: Int64
        let needWhat: String
        if context.call == .pthreadCreate {
            let stack = context.record.call?.stackSizeBytes ?? context.limits.stack?.soft?.number ?? 0
            needKb = stack / 1024
            needWhat = "the thread stack \(Quantity.bytes(stack)) (call.stack_size_bytes)"
        } else if context.copiesAddressSpace {
            needKb = memory.vmDataKb ?? 0
            needWhat = "the parent's VmData \(Quantity.kibibytes(needKb)) (/proc/self/status)"
        } else {
            needKb = 0
            needWhat = "almost nothing (\(context.callDescription) shares the parent's memory)"
        }

        var confidence: Confidence
        var evidence: [String]
        if mode == 2, let limit = memory.commitLimitKb, let committed = memory.committedAsKb {
            let modeLine =
                "vm.overcommit_memory 2 (strict), overcommit_ratio \(memory.overcommitRatio.map(String.init) ?? "?") (/proc/sys/vm)"
            // The kernel refuses before CommitLimit by the two reserves (§11.216).
            let reserves = StrictReserves(memory, exempt: context.limits.nprocExempt)
            let allowed = limit - reserves.kb
            if committed + needKb > limit {
                confidence = .high
                evidence = [
                    modeLine,
                    "Committed_AS \(Quantity.kibibytes(committed)) + \(needWhat) = \(Quantity.kibibytes(committed + needKb)) > CommitLimit \(Quantity.kibibytes(limit)) (/proc/meminfo)",
                ]
            } else if committed + needKb > allowed {
                confidence = .medium
                evidence = [
                    modeLine,
                    "Committed_AS \(Quantity.kibibytes(committed)) + \(needWhat) = \(Quantity.kibibytes(committed + needKb)) is below CommitLimit \(Quantity.kibibytes(limit)) (/proc/meminfo) but past it less \(reserves.line)",
                ]
            } else if Double(committed) >= Double(allowed) * 0.95 {
                confidence = .medium
                let base =
                    reserves.kb > 0
                    ? "of CommitLimit \(Quantity.kibibytes(limit)) less \(reserves.line)"
                    : "of CommitLimit \(Quantity.kibibytes(limit)) (/proc/meminfo)"
                evidence = [
                    modeLine,
                    "Committed_AS \(Quantity.kibibytes(committed)) is \(Quantity.percent(committed, of: allowed)) \(base); \(needWhat) more did not fit when the call was made",
                ]
            } else {
                return nil
            }
        } else if mode == 0, let oversized = OversizedThreadStack.finding(context) {
            confidence = .high
            evidence = oversized.evidence
        } else if mode == 0, let oversized = OversizedParentMapping.finding(context) {
            confidence = .medium
            evidence = oversized.evidence
        } else if mode == 0, let heuristic = OldHeuristic(context) {
            confidence = .medium
            evidence = heuristic.evidence
        } else {
            return nil
        }
        if mode == 2, let available = memory.memAvailableKb {
            evidence.append(
                "MemAvailable was \(Quantity.kibibytes(available)) (/proc/meminfo): memory itself was not the problem")
        }

        // A stack of glibc's usual size is not what to shrink when the
        // whole commit is near the limit: the limit's advice leads (§11.216).
        let stackFirst = context.call == .pthreadCreate && (mode != 2 || ThreadStackSize.isRaised(context))
        var advice = Self.advice(mode: mode, thread: context.call == .pthreadCreate, stackFirst: stackFirst)
        // Strict mode: the numbers that would have let this call through,
        // and a parent whose commit is mostly untouched reservation (§11.170).
        let reservesKb = mode == 2 ? StrictReserves(memory, exempt: context.limits.nprocExempt).kb : 0
        if mode == 2, needKb > 0, let sized = StrictCommitRoom(memory, needKb: needKb, reservesKb: reservesKb) {
            advice[advice.firstIndex { $0.hasPrefix("Raise the commit limit") } ?? 0] = sized.advice
            if context.copiesAddressSpace, let reserved = sized.reservation(memory) {
                evidence.append(reserved.evidence)
                advice.insert(reserved.advice, at: 0)
            }
        }
        // The kernel's setting leads; Squid's own sizes come next (§11.126).
        if SquidHelperForks.applies(context) {
            evidence.append(SquidHelperForks.evidence)
            advice.insert(SquidHelperForks.advice, at: Swift.min(1, advice.count))
        }

        var verdict = Verdict(
            id: .commitLimit,
            confidence: confidence,
            summary: "overcommit accounting refused",
            bindingLimit: BindingLimit(
                key: "commit_limit",
                name: mode == 2
                    ? "CommitLimit (vm.overcommit_memory 2)" : "overcommit heuristic (vm.overcommit_memory 0)"),
            kernelRule: context.call == .pthreadCreate
                ? "mm/util.c __vm_enough_memory(): the thread stack mmap would pass the commit limit → -ENOMEM; glibc nptl/allocatestack.c returns EAGAIN"
                : "kernel/fork.c dup_mmap() → security_vm_enough_memory_mm() → mm/util.c __vm_enough_memory(): commit refused → -ENOMEM",
            misleadingNote: MisleadingErrno.glibcEPERMNote(context)
                ?? "Memory may be free: it is the commit accounting (vm.overcommit_memory) that refused, not a lack of RAM.",
            evidence: evidence,
            advice: advice
        )
        ExpectedErrno.check(&verdict, cause: .overcommit, in: context)
        return verdict
    }

    /// A thread's commit is its stack: the stack is what to shrink, and
    /// posix_spawn, the fix for a fork's copy, does not apply.
    static func advice(mode: Int, thread: Bool, stackFirst: Bool = true) -> [String] {
        let general = mode == 2 ? strictAdvice : heuristicAdvice
        guard thread else { return general }
        return stackFirst
            ? ThreadStackSize.advice + [general[0]] : [general[0], strictToHeuristic] + ThreadStackSize.advice
    }

    /// What a container host in strict mode most often wants (§11.216).
    static let strictToHeuristic =
        "Or leave strict accounting: `sysctl -w vm.overcommit_memory=0` (the kernel's default heuristic, which most container hosts run), persisted in /etc/sysctl.d/: Go runtimes (dockerd, containerd, its shims, runc) and JVMs commit far more than they touch, which mode 2 charges in full."

    static let spawnAdvice =
        "Start children with posix_spawn or vfork instead of fork, so they need no copy of the parent's commit (Java: `-Djdk.lang.Process.launchMechanism=POSIX_SPAWN`, the default), or shrink the parent."

    static let strictAdvice = [
        "Raise the commit limit: `sysctl -w vm.overcommit_ratio=N` or `vm.overcommit_kbytes=N`, or add swap (it counts in CommitLimit).",
        spawnAdvice,
    ]

    /// In mode 0 the ratio and kbytes sysctls do nothing (docs/kernel-facts.md §6.11).
    static let heuristicAdvice = [
        "Let the kernel overcommit: `sysctl -w vm.overcommit_memory=1`, persisted in /etc/sysctl.d/ (what Redis asks for in its startup warning).",
        spawnAdvice,
    ]
}

/// Overcommit mode 0 before v5.2 (docs/kernel-facts.md §1.3 and §6.11): mm/util.c
/// __vm_enough_memory() refused a mapping larger than its estimate of free
/// memory, MemFree + Cached + Buffers − Shmem + SReclaimable + SwapFree
/// (free, file and reclaimable slab pages, and free swap). fork's
/// dup_mmap() asks for each private writable mapping of the parent in turn,
/// so a large parent's fork fails while little RAM is free.
private struct OldHeuristic {
    var evidence: [String]

    init?(_ context: FailureContext) {
        let memory = context.memory
        guard context.copiesAddressSpace, let kernel = context.kernel, kernel < ReleaseVersion(5, 2) else {
            return nil
        }
        // The parent's private writable memory: VmData when recorded, else
        // VmSize (which also counts shared and read-only mappings).
        let size: (kb: Int64, name: String)
        if let data = memory.vmDataKb {
            size = (data, "VmData")
        } else if let vmSize = memory.vmSizeKb {
            size = (vmSize, "VmSize (VmData not recorded; an upper bound)")
        } else {
            return nil
        }

        let estimate: (kb: Int64, line: String)
        if let free = memory.memFreeKb, let cached = memory.cachedKb {
            let buffers = memory.buffersKb ?? 0
            let shmem = memory.shmemKb ?? 0
            let reclaimable = memory.sReclaimableKb ?? 0
            let swapFree = memory.swapFreeKb ?? 0
            let sum = free + cached + buffers - shmem + reclaimable + swapFree
            estimate = (
                sum,
                "the heuristic's free estimate MemFree \(Quantity.kibibytes(free)) + Cached \(Quantity.kibibytes(cached)) + Buffers \(Quantity.kibibytes(buffers)) − Shmem \(Quantity.kibibytes(shmem)) + SReclaimable \(Quantity.kibibytes(reclaimable)) + SwapFree \(Quantity.kibibytes(swapFree)) = \(Quantity.kibibytes(sum)) (/proc/meminfo)"
            )
        } else if let available = memory.memAvailableKb {
            let sum = available + (memory.swapFreeKb ?? 0)
            estimate = (
                sum,
                "MemAvailable + SwapFree = \(Quantity.kibibytes(sum)) (/proc/meminfo; MemFree, Cached, Shmem and SReclaimable not recorded), close to the heuristic's free estimate"
            )
        } else {
            return nil
        }
        guard size.kb > estimate.kb else { return nil }
        evidence = [
            "vm.overcommit_memory 0 (heuristic) on kernel \(kernel): before v5.2 (8c7829b04c52) each private writable mapping fork copies must fit the estimate of free memory (mm/util.c __vm_enough_memory())",
            "the parent's \(size.name) \(Quantity.kibibytes(size.kb)) (/proc/self/status) > \(estimate.line)",
            "overcommit_ratio and overcommit_kbytes apply only in mode 2: in mode 0 they change nothing (docs/kernel-facts.md §6.11)",
        ]
    }
}

/// Mode 2's room for one call (mm/util.c vm_commit_limit(): CommitLimit =
/// (MemTotal − huge pages) × overcommit_ratio / 100 + SwapTotal, or
/// overcommit_kbytes + SwapTotal when that is set): the ratio and the kbytes
/// that would have let Committed_AS take `needKb` more, huge pages left out
/// (so the ratio is a lower bound where they are reserved).
private struct StrictCommitRoom {
    var advice: String
    let needKb: Int64

    /// nil when the snapshot's numbers already leave room: the refusal came
    /// at a moment with more committed, and no sized setting follows from them.
    init?(_ memory: MemorySnapshot, needKb: Int64, reservesKb: Int64 = 0) {
        guard let committed = memory.committedAsKb, let total = memory.memTotalKb, total > 0 else { return nil }
        let swap = memory.swapTotalKb ?? 0
        let want = committed + needKb + reservesKb
        let ratio = ((want - swap) * 100 + total - 1) / total
        if let current = memory.overcommitRatio, ratio <= current { return nil }
        let kbytes = Swift.max(want - swap, 0)
        self.needKb = needKb
        let reserved = reservesKb > 0 ? " + the reserves \(Quantity.kibibytes(reservesKb))" : ""
        advice =
            "Raise the commit limit past Committed_AS + this call's \(Quantity.kibibytes(needKb))\(reserved) = \(Quantity.kibibytes(want)): `sysctl -w vm.overcommit_ratio=\(Swift.max(ratio, 1))` (CommitLimit = SwapTotal \(Quantity.kibibytes(swap)) + MemTotal × ratio / 100; now \(memory.overcommitRatio.map(String.init) ?? "?")) or `vm.overcommit_kbytes=\(kbytes)`, persisted in /etc/sysctl.d/, or add swap (it counts in CommitLimit); the next large fork needs as much again."
    }

    /// A parent whose VmData is four times or more its resident memory
    /// maps most of it untouched (a heap or pool reserved whole at start):
    /// strict mode charges it in full, to the parent and to every fork.
    func reservation(_ memory: MemorySnapshot) -> (evidence: String, advice: String)? {
        guard let rss = memory.vmRssKb, rss > 0, rss * 4 <= needKb else { return nil }
        return (
            "the parent's VmData \(Quantity.kibibytes(needKb)) is \(needKb / rss) times its VmRSS \(Quantity.kibibytes(rss)) (/proc/self/status): most of what the fork must commit again is reserved and never touched, which strict overcommit charges in full",
            "Make the parent reserve less: a program that maps its heap or workspace whole when it starts (a JVM's `-Xms`/`-Xmx`, GAP's `-s`/`-o`, a database's shared buffers) commits all of it, and a fork commits it again; a reservation near what it uses fits, and so does starting the child with posix_spawn or vfork (below)."
        )
    }
}

/// What mm/util.c __vm_enough_memory() keeps back in mode 2 below CommitLimit
/// (docs/kernel-facts.md §11.216): admin_reserve_kbytes for a task without
/// CAP_SYS_ADMIN, and min(total_vm / 32, user_reserve_kbytes) for every
/// process. The sysctls are not recorded: their boot defaults' caps (mm/mmap.c
/// init_admin_reserve 8 MiB, init_user_reserve 128 MiB; less, 3 % of free
/// memory at boot, so at most MemTotal / 32, on a small machine) bound them,
/// so `allowed` is a floor.
private struct StrictReserves {
    static let adminCapKb: Int64 = 8 * 1024
    static let userCapKb: Int64 = 128 * 1024

    var kb: Int64
    var line: String

    init(_ memory: MemorySnapshot, exempt: String?) {
        // Free memory at boot was at most MemTotal: its 3 % bounds both.
        let boot = memory.memTotalKb.map { $0 / 32 } ?? Int64.max
        let admin = exempt == "cap_sys_admin" ? 0 : Swift.min(Self.adminCapKb, boot)
        let user = memory.vmSizeKb.map { Swift.min($0 / 32, Self.userCapKb, boot) } ?? 0
        kb = admin + user
        var parts: [String] = []
        if admin > 0 {
            parts.append(
                "admin_reserve_kbytes (at most \(Quantity.kibibytes(admin)) by default, kept from a caller without CAP_SYS_ADMIN)"
            )
        }
        if let size = memory.vmSizeKb {
            parts.append(
                "the user reserve min(VmSize \(Quantity.kibibytes(size)) / 32, user_reserve_kbytes at most 128 MiB) = \(Quantity.kibibytes(user))"
            )
        }
        line =
            "the reserves mm/util.c __vm_enough_memory() keeps back, up to \(Quantity.kibibytes(kb)): "
            + parts.joined(separator: " and ")
    }
}
