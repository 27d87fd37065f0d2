/// OpenVZ / Virtuozzo beancounters (docs/kernel-facts.md §11.1): a
/// container's own counters, charged before the kernel's generic limits,
/// each refusing with ENOMEM; the classic "fork: Cannot allocate memory" on
/// a VPS with free memory. numproc too on OpenVZ 6, but a Virtuozzo 7
/// kernel may back it with the container's pids cgroup, which says EAGAIN
/// (§11.188). Each maps to the verdict of
/// the mainline mechanism that does the same job: numproc is the
/// container's task limit (`cgroup_pids_limit`), privvmpages accounting of
/// private memory at mmap and fork time (`commit_limit`), kmemsize the
/// container's kernel memory (`memcg_limit`).
struct BeancounterRule: ClassificationRule {
    /// A counter this full, with refusals counted, has very likely refused
    /// this call; the snapshot comes after it and tasks come and go.
    static let nearShare = 0.95

    private struct Resource: Sendable {
        var name: String
        var id: VerdictID
        var unit: String
        var what: String
    }

    private static let resources: [Resource] = [
        Resource(name: "numproc", id: .cgroupPidsLimit, unit: "tasks", what: "the container's task count"),
        Resource(
            name: "privvmpages", id: .commitLimit, unit: "pages",
            what: "the container's allocated private memory (charged when mapped or copied by fork, used or not)"),
        Resource(
            name: "kmemsize", id: .memcgLimit, unit: "bytes",
            what: "the container's kernel memory (task structs, kernel stacks, page tables)"),
    ]

    private static func row(_ ubc: BeancountersSnapshot, _ resource: Resource) -> BeancounterRow? {
        switch resource.name {
        case "numproc": return ubc.numproc
        case "privvmpages": return ubc.privvmpages
        default: return ubc.kmemsize
        }
    }

    /// A Virtuozzo 7 kernel (3.10): its numproc is the container's pids
    /// cgroup on later builds (EAGAIN), a beancounter charge on earlier
    /// ones (ENOMEM); OpenVZ 6's (2.6.32) is the charge alone.
    static func numprocMaySayEAGAIN(_ context: FailureContext) -> Bool {
        guard let kernel = context.kernel else { return true }
        return kernel >= ReleaseVersion(3, 10)
    }

    func evaluate(_ context: FailureContext) -> Verdict? {
        guard let ubc = context.record.beancounters else { return nil }
        // An EAGAIN that no memory shortage gives can only be numproc's.
        let numprocOnly = !context.errnoSaysMemory && context.errno != nil
        if numprocOnly, !(context.errnoIs("EAGAIN") && Self.numprocMaySayEAGAIN(context)) { return nil }
        var best: (Resource, BeancounterRow, Confidence)?
        for resource in Self.resources where !numprocOnly || resource.name == "numproc" {
            guard let row = Self.row(ubc, resource), let fill = fill(row, resource, context) else { continue }
            if let current = best, current.2 >= fill { continue }
            best = (resource, row, fill)
        }
        guard let (resource, row, confidence) = best else { return nil }
        let ct = ubc.ctid.map { "container \($0)" } ?? "this container"
        let held = row.held ?? 0
        let limit = row.finiteLimit ?? 0
        var evidence = [
            "\(resource.name) held \(held) of limit \(limit) \(resource.unit) (barrier \(row.barrier.map(String.init) ?? "?"), max held \(row.maxheld.map(String.init) ?? "?")) in /proc/user_beancounters (\(ct)): \(resource.what)",
            "failcnt \(row.failcnt ?? 0): the beancounter has refused that many charges since the container started",
        ]
        if resource.id == .commitLimit, let needed = neededPages(context) {
            evidence.append(
                "\(context.callDescription) needs about \(needed) more pages (\(context.copiesAddressSpace ? "a copy of the parent's private memory, VmData" : "a thread stack")): \(held) + \(needed) > \(limit)"
            )
        }
        var advice = advice(resource, ct: ubc.ctid, limit: limit)
        if resource.id == .cgroupPidsLimit {
            evidence.append(contentsOf: HolderEvidence.lines(context.record.top))
            // numproc counts threads like pids.max: Apache's threaded MPM
            // fills a VPS's 94 as it fills a unit's (§11.83, §11.170).
            if let server = WebServerWorkers.finding(context, limit: limit, limitName: "numproc") {
                evidence.append(server.evidence)
                advice.insert(server.advice, at: Swift.min(1, advice.count))
            }
        }
        var verdict = Verdict(
            id: resource.id,
            confidence: confidence,
            summary: "OpenVZ beancounter \(resource.name) of \(ct) reached",
            bindingLimit: BindingLimit(
                key: "ubc:\(resource.name)",
                name: "OpenVZ beancounter \(resource.name) (\(ct), /proc/user_beancounters)"),
            kernelRule: kernelRule(resource, context),
            misleadingNote: numprocOnly
                ? nil
                : "ENOMEM here does not mean the machine is out of memory: OpenVZ's \(resource.name) beancounter refused the charge; `free` inside a VPS shows memory that this counter does not allow.",
            evidence: evidence,
            advice: advice
        )
        ExpectedErrno.check(
            &verdict, cause: resource.name == "numproc" ? .beancounterNumproc : .beancounter, in: context)
        return verdict
    }

    /// docs/kernel-facts.md §11.1 and §11.188: OpenVZ 6's ub_task_charge()
    /// (kernel/bc/misc.c) refuses numproc with -ENOMEM; Virtuozzo 7's
    /// vzkernel does so on its earlier builds, and on later ones numproc is
    /// the container's pids cgroup, refused in pids_try_charge() with
    /// -EAGAIN and counted as numproc's failcnt (kernel/cgroup_pids.c).
    private func kernelRule(_ resource: Resource, _ context: FailureContext) -> String {
        let thread = context.call == .pthreadCreate ? " (pthread_create returns EAGAIN)" : ""
        guard resource.name == "numproc" else {
            return "OpenVZ kernel/bc: charge_beancounter(\(resource.name)) over its limit → -ENOMEM\(thread)"
        }
        let charge = "OpenVZ kernel/bc: ub_task_charge() in copy_process, numproc over its limit → -ENOMEM"
        guard Self.numprocMaySayEAGAIN(context) else { return charge + thread }
        return
            "Virtuozzo 7 (vzkernel 3.10): numproc is the container's pids cgroup on later kernels, pids_try_charge() → -EAGAIN, each refusal counted as numproc's failcnt; earlier ones charge it as \(charge)\(thread)"
    }

    /// How full `row` is for this call: high when the charge cannot fit,
    /// medium when it is within `nearShare` and refusals were counted.
    private func fill(_ row: BeancounterRow, _ resource: Resource, _ context: FailureContext) -> Confidence? {
        guard let limit = row.finiteLimit, limit > 0, let held = row.held else { return nil }
        let needed = resource.id == .commitLimit ? (neededPages(context) ?? 1) : 1
        if held + needed > limit { return .high }
        guard (row.failcnt ?? 0) > 0, Double(held) >= Double(limit) * Self.nearShare else { return nil }
        return .medium
    }

    /// privvmpages a fork charges: the parent's private writable memory;
    /// a thread: its stack (4 KiB pages).
    private func neededPages(_ context: FailureContext) -> Int64? {
        if context.copiesAddressSpace { return context.memory.vmDataKb.map { $0 / 4 } }
        if context.call == .pthreadCreate { return (context.record.call?.stackSizeBytes ?? 8 << 20) / 4096 }
        return nil
    }

    private func advice(_ resource: Resource, ct: Int64?, limit: Int64) -> [String] {
        let id = ct.map(String.init) ?? "CTID"
        let raised = limit * 2
        var advice = [
            "The limit is set on the hardware node, not inside the VPS: `vzctl set \(id) --\(resource.name) \(raised):\(raised) --save` (Virtuozzo 7: `prlctl set`); on a hosted VPS, ask the provider or move to a plan with a higher \(resource.name)."
        ]
        switch resource.name {
        case "numproc":
            advice.append(
                "Count what holds the tasks, threads included: `ps -eLf | wc -l`, `ps -eo nlwp,pid,comm --sort=-nlwp | head`."
            )
        case "privvmpages":
            advice.append(
                "privvmpages counts memory allocated, not used: a smaller Java -Xmx, fewer or smaller thread stacks, or posix_spawn/vfork instead of fork of a large process lower it."
            )
        default:
            advice.append("Fewer processes and threads, and fewer open files and sockets, use less kernel memory.")
        }
        advice.append("Watch the failcnt column of `cat /proc/user_beancounters`: every non-zero value is a refusal.")
        return advice
    }
}
