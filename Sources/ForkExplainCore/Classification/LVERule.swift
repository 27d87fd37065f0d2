/// CloudLinux's LVE (docs/kernel-facts.md §11.164): shared hosting's
/// per-user container, whose limits the hosting panel sets and neither
/// `ulimit` nor the cgroup files a user can read show. NPROC counts the
/// user's processes and threads together and refuses the next one (the
/// container's task limit, `cgroup_pids_limit`); VMEM is charged when
/// memory is mapped or copied by fork, used or not (`commit_limit`); PMEM
/// is the LVE's resident memory, whose excess is reclaimed and then paid
/// for with killed processes rather than refused forks (`memcg_limit`,
/// never more than medium).
struct LVERule: ClassificationRule {
    /// A limit this full, with faults counted, has very likely refused.
    static let nearShare = 0.95

    private enum Resource {
        case nproc, vmem, pmem

        var name: String {
            switch self {
            case .nproc: "NPROC"
            case .vmem: "VMEM"
            case .pmem: "PMEM"
            }
        }

        var verdict: VerdictID {
            switch self {
            case .nproc: .cgroupPidsLimit
            case .vmem: .commitLimit
            case .pmem: .memcgLimit
            }
        }
    }

    func evaluate(_ context: FailureContext) -> Verdict? {
        guard let lve = context.record.lve, let id = lve.id else { return nil }
        var best: (Resource, LVESnapshot.Resource, Confidence)?
        for (resource, row) in [
            (Resource.nproc, lve.nprocResource), (.vmem, lve.vmemResource), (.pmem, lve.pmemResource),
        ] {
            guard let row, errnoFits(resource, context), let fill = fill(resource, row, context) else { continue }
            if let current = best, current.2 >= fill { continue }
            best = (resource, row, fill)
        }
        guard let (resource, row, confidence) = best else { return nil }
        let who = "LVE \(id)" + (context.record.process?.uid.map { $0 == Int(id) ? " (uid \($0))" : "" } ?? "")
        var evidence = [evidenceLine(resource, row, who: who, lve: lve)]
        if resource == .vmem, let needed = neededPages(context) {
            evidence.append(
                "\(context.callDescription) needs about \(needed) more pages (\(context.copiesAddressSpace ? "a copy of the parent's private memory, VmData" : "a thread stack")): \(row.used) + \(needed) > \(row.limit)"
            )
        }
        if resource == .nproc {
            if let ep = lve.epResource {
                evidence.append(
                    "EP \(ep.used) of \(ep.limit) (fEP \(ep.faults)): entry processes, the web requests, ssh sessions and cron jobs in the LVE now; each brings its children into NPROC"
                )
            }
            // The LVE counts its user's tasks: the other users' holders are
            // not in it.
            var top = context.record.top
            let own = top?.holders?.filter { $0.uid == nil || $0.uid.map(Int64.init) == id }
            top?.holders = own
            evidence.append(contentsOf: HolderEvidence.lines(top))
        }
        var verdict = Verdict(
            id: resource.verdict,
            confidence: confidence,
            summary: "CloudLinux LVE \(resource.name) of \(who) reached",
            bindingLimit: BindingLimit(
                key: "lve:\(resource.name.lowercased())",
                name: "CloudLinux LVE \(resource.name) of \(who) (\(source(lve)))"),
            kernelRule: kernelRule(resource, context),
            misleadingNote: misleadingNote(resource, context),
            evidence: evidence,
            advice: advice(resource, row, id: id)
        )
        ExpectedErrno.check(&verdict, cause: resource == .nproc ? .lveNPROC : .lveMemory, in: context)
        return verdict
    }

    /// The errnos each limit gives (docs/kernel-facts.md §11.164): NPROC's
    /// depends on the kernel's charge (EAGAIN or ENOMEM), the memory
    /// limits' is ENOMEM, which pthread_create turns into EAGAIN.
    private func errnoFits(_ resource: Resource, _ context: FailureContext) -> Bool {
        if context.errno == nil { return true }
        return resource == .nproc ? context.errnoIs("EAGAIN", "ENOMEM") : context.errnoSaysMemory
    }

    /// How full `row` is for this call: high when the charge cannot fit
    /// (PMEM: medium at most), medium when within `nearShare` with faults.
    private func fill(_ resource: Resource, _ row: LVESnapshot.Resource, _ context: FailureContext) -> Confidence? {
        let needed = resource == .vmem ? (neededPages(context) ?? 1) : 1
        if row.used + needed > row.limit { return resource == .pmem ? .medium : .high }
        guard row.faults > 0, Double(row.used) >= Double(row.limit) * Self.nearShare else { return nil }
        return .medium
    }

    /// Pages VMEM is charged: the parent's private memory for a fork, the
    /// stack for a thread.
    private func neededPages(_ context: FailureContext) -> Int64? {
        if context.copiesAddressSpace { return context.memory.vmDataKb.map { $0 / 4 } }
        if context.call == .pthreadCreate { return (context.record.call?.stackSizeBytes ?? 8 << 20) / 4096 }
        return nil
    }

    private func source(_ lve: LVESnapshot) -> String {
        "/proc/lve/list" + (lve.version.map { " version \($0)" } ?? "")
    }

    private func evidenceLine(_ resource: Resource, _ row: LVESnapshot.Resource, who: String, lve: LVESnapshot)
        -> String
    {
        switch resource {
        case .nproc:
            return
                "NPROC \(row.used) of lNPROC \(row.limit) in \(source(lve)) (\(who)): every process and thread of the user's LVE, web, ssh and cron alike; fNPROC \(row.faults): refusals counted"
        case .vmem:
            return
                "VMEM \(Quantity.bytes(row.used * 4096)) of lMEM \(Quantity.bytes(row.limit * 4096)) (\(row.used) of \(row.limit) pages) in \(source(lve)) (\(who)): the LVE's virtual memory, charged when mapped or copied by fork, used or not; fMEM \(row.faults): refusals counted"
        case .pmem:
            return
                "PMEM \(Quantity.bytes(row.used * 4096)) of lMEMPHY \(Quantity.bytes(row.limit * 4096)) (\(row.used) of \(row.limit) pages) in \(source(lve)) (\(who)): the LVE's resident memory, its page cache included; fMEMPHY \(row.faults): times it went over, when the kernel reclaims the LVE's cache and then kills its processes"
        }
    }

    private func kernelRule(_ resource: Resource, _ context: FailureContext) -> String {
        let thread = context.call == .pthreadCreate ? " (pthread_create returns EAGAIN)" : ""
        switch resource {
        case .nproc:
            return
                "CloudLinux kmod-lve: the new task is charged to its LVE's NPROC (on CloudLinux 6/7 the LVE's numproc beancounter, UB_NUMPROC, charged in copy_process()); over lNPROC the fork is refused with -ENOMEM where the kernel charges numproc as OpenVZ's ub_task_charge() does, -EAGAIN where numproc is a pids cgroup as on later Virtuozzo 7 kernels (CloudLinux's own kernel source is not public)\(thread)"
        case .vmem:
            return
                "CloudLinux kmod-lve: the LVE's VMEM (its privvmpages beancounter on CloudLinux 6/7) refuses a mapping, or a fork's copy, over lMEM with -ENOMEM\(thread)"
        case .pmem:
            return
                "CloudLinux kmod-lve: the LVE's PMEM (its physpages beancounter on CloudLinux 6/7, a memory cgroup lveUID on 8 and later) over lMEMPHY: the kernel reclaims the LVE's page cache, then kills processes of the LVE; a charge it cannot make fails with -ENOMEM\(thread)"
        }
    }

    private func misleadingNote(_ resource: Resource, _ context: FailureContext) -> String? {
        if context.errno == "ENOMEM" {
            return
                "ENOMEM here does not mean the server is out of memory: the user's LVE \(resource.name) refused it; `free` shows the server's memory, which the LVE does not let this user have."
        }
        if resource == .nproc {
            return
                "`ulimit -u` and the server's pid_max do not show this limit: it is the user's LVE, which the hosting panel sets per user or per package."
        }
        return nil
    }

    private func advice(_ resource: Resource, _ row: LVESnapshot.Resource, id: Int64) -> [String] {
        let raised = row.limit * 2
        switch resource {
        case .nproc:
            return [
                "On the server, as root: `lvectl set \(id) --nproc=\(raised) --save` (the LVE id is the uid; `lvectl set-user USER --nproc=\(raised)` by name), or in the panel's CloudLinux (LVE) Manager, cPanel/WHM, Plesk or DirectAdmin alike: edit the user's NPROC, or the package's (`lvectl package-set PACKAGE --nproc=\(raised)`) for every user on it. Keep NPROC above EP + 15: CloudLinux's own check, since every entering web request, ssh session and cron job brings its processes into NPROC.",
                "A customer of a shared host cannot raise it: ask the host, or move to a plan with a higher NPROC (entry processes, EP, are a different limit). Meanwhile find what holds the processes and threads: cPanel's Resource Usage page, `ps -u $USER -L | wc -l` and `ps -u $USER -o nlwp,pid,etime,args --sort=-nlwp | head`: a cron job left running, PHP workers, node/npm, composer or a build with many threads.",
                "Watch the faults: `lveinfo --by-fault=nproc --period=1d` (root), or the fNPROC column of /proc/lve/list; every non-zero count is a refused process.",
            ]
        case .vmem:
            return [
                "VMEM limits are deprecated: CloudLinux advises setting them to 0 (no limit) and limiting PMEM instead: `lvectl set \(id) --vmem=0 --save` as root, or VMEM 0 on the user's package in the CloudLinux (LVE) Manager.",
                "VMEM counts memory allocated, not used: a smaller JVM -Xmx, fewer or smaller thread stacks, or posix_spawn/vfork instead of fork of a large process lower it.",
            ]
        case .pmem:
            return [
                "Raise the user's PMEM on the server, as root: `lvectl set \(id) --pmem=\(raised * 4 / 1024)M --save`, or on the user's package in the CloudLinux (LVE) Manager; a customer asks the host or moves to a plan with more memory.",
                "Find what holds the memory: cPanel's Resource Usage page and its snapshots, `lveinfo --by-fault=pmem --period=1d` (root); the page cache counts too unless `kernel.memstat_nocache=1`.",
            ]
        }
    }
}
