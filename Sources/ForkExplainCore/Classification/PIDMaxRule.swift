/// `pid_max`: PID numbers used up. docs/kernel-facts.md §1, rows "PID numbers used up" and
/// "per-namespace pid_max": kernel/pid.c alloc_pid() finds no free number
/// below pid_max at some namespace level. Once its cursor has passed
/// RESERVED_PIDS (300) it allocates from 300 up (`pid_min` in alloc_pid()),
/// so pid_max − 300 numbers remain for the tasks that do not already hold
/// one below 300 (PIDSpace.capacity). docs/kernel-facts.md §5: zombies hold
/// PIDs.
struct PIDMaxRule: ClassificationRule {
    func evaluate(_ context: FailureContext) -> Verdict? {
        let pid = context.pid
        guard let pidMax = pid.pidMax else { return nil }

        // The namespace's own count against its own pid_max, and the host's
        // count against the host's pid_max when this record shows it (since
        // 6.14 a nested namespace reads its own value: PIDSpace).
        var candidates:
            [(fill: PIDSpace.Fill, binding: BindingLimit, place: String, counted: String, tasks: Int64, low: Int64?)] =
                []
        if pid.isNested, let own = pid.pidNs, let tasks = pid.nsTasks {
            candidates.append(
                (
                    PIDSpace.fill(tasks: tasks, pidMax: pidMax, lowTasks: pid.nsLowTasks),
                    BindingLimit(key: "pid_max:pid:[\(own)]", name: "pid_max of PID namespace pid:[\(own)]"),
                    "in PID namespace pid:[\(own)]",
                    "\(tasks) tasks in PID namespace pid:[\(own)] (pid.ns_tasks, zombies included)", tasks,
                    pid.nsLowTasks
                ))
        }
        if let tasks = pid.hostTasks, PIDSpace.readsHostPIDMax(pid, kernel: context.kernel) {
            candidates.append(
                (
                    PIDSpace.fill(tasks: tasks, pidMax: pidMax, lowTasks: pid.hostLowTasks),
                    BindingLimit(key: "pid_max:host", name: "kernel.pid_max (host)"),
                    "on the host (kernel.pid_max)",
                    "\(tasks) tasks on the host (/proc/loadavg, threads and zombies included)", tasks,
                    pid.hostLowTasks
                ))
        }
        guard
            let found = candidates.first(where: { $0.fill == .exhausted })
                ?? candidates.first(where: { $0.fill == .near })
        else { return nil }

        let usable = PIDSpace.capacity(pidMax: pidMax, lowTasks: found.low)
        var evidence = [
            "\(found.counted) against pid_max \(pidMax) (/proc/sys/kernel/pid_max): \(usable) or more in use exhausts it, since once its cursor has passed \(PIDSpace.reservedPIDs) alloc_pid() hands out only \(PIDSpace.reservedPIDs)–\(pidMax - 1) (kernel/pid.c RESERVED_PIDS)\(PIDSpace.lowNote(found.low))"
        ]
        if found.fill == .near {
            evidence.append(
                "\(found.tasks) is \(Quantity.percent(found.tasks, of: usable)) of that exhaustion point, \(usable - found.tasks) short of it: the snapshot is taken after the failure and tasks come and go in between, so confidence is medium (docs/kernel-facts.md §6.17)"
            )
        }
        evidence.append(contentsOf: HolderEvidence.lines(context.record.top))
        if let line = Self.processesLine(context.record.top, tasks: found.tasks, host: !pid.isNested) {
            evidence.append(line)
        }
        let hostSeenFromInside = found.binding.key == "pid_max:host" && pid.isNested
        if hostSeenFromInside {
            evidence.append(
                "the holders above are those of this PID namespace only (\(pid.nsTasks.map { "\($0) tasks" } ?? "its tasks") of the host's \(found.tasks)): the host's pid_max is read from inside, but whatever else fills it runs outside and is not visible here"
            )
        }

        var verdict = Verdict(
            id: .pidMax,
            confidence: found.fill == .exhausted ? .high : .medium,
            summary: "PID exhaustion \(found.place)",
            bindingLimit: found.binding,
            kernelRule: kernelRule(context),
            misleadingNote: misleadingNote(context),
            evidence: evidence,
            advice: advice(context, binding: found.binding, pidMax: pidMax, tasks: found.tasks)
        )
        ExpectedErrno.check(&verdict, cause: .pidNumbersExhausted, in: context)
        return verdict
    }

    private func kernelRule(_ context: FailureContext) -> String {
        let base = "kernel/pid.c alloc_pid(): no free PID number below pid_max"
        guard context.kind == .process, context.call != .popen else {
            return "\(base) → -EAGAIN (pthread_create returns EAGAIN)"
        }
        guard let kernel = context.kernel else {
            return "\(base) → -EAGAIN (-ENOMEM before v4.1, -ENOSPC on v4.15–v4.18)"
        }
        if context.isSUSEKernel312 {
            return
                "\(base) → -EAGAIN on SUSE kernel \(kernel) (SUSE carries 35f71bc0a09a, bnc#909684; mainline said -ENOMEM before v4.1)"
        }
        if kernel < ReleaseVersion(4, 1) {
            return "\(base) → -ENOMEM on kernel \(kernel) (before v4.1, commit 35f71bc0a09a)"
        }
        if kernel >= ReleaseVersion(4, 15), kernel < ReleaseVersion(4, 19) {
            return "\(base) → -ENOSPC on kernel \(kernel) (the IDR's error leaked on v4.15–v4.18)"
        }
        return "\(base) → -EAGAIN"
    }

    private func misleadingNote(_ context: FailureContext) -> String? {
        switch context.errno {
        case "ENOMEM" where context.call != .popen:
            return
                "ENOMEM here does not mean memory: on kernel \(context.kernel?.description ?? context.kernelDescription) PID exhaustion is reported as ENOMEM (kernel/pid.c alloc_pid(), fixed in v4.1)."
        case "ENOSPC":
            return
                "ENOSPC (\"No space left on device\") is not about disks: kernels 4.15–4.18 report PID exhaustion as ENOSPC."
        default:
            return MisleadingErrno.notMemoryNote(context)
        }
    }

    private func advice(_ context: FailureContext, binding: BindingLimit, pidMax: Int64, tasks: Int64) -> [String] {
        var advice: [String] = []
        // The old default on a machine that has outgrown it: the
        // raise leads, what holds the PIDs follows (§11.175).
        let outgrown = Self.outgrownDefault(context, binding: binding, pidMax: pidMax, tasks: tasks)
        if let outgrown { advice.append(outgrown) }
        if binding.key == "pid_max:host", context.pid.isNested {
            advice.append(
                "On the host (not in this container), find what holds the PIDs: `ps -eo nlwp,pid,comm --sort=-nlwp | head` and `ps -eo stat,ppid | awk '$1 ~ /^Z/ {print $2}' | sort | uniq -c | sort -rn | head` for parents of zombies."
            )
        } else if let pooled = PooledHolders.find(context.record.top) {
            advice.append(pooled.advice(leading: outgrown == nil))
        } else if let holders = context.record.top?.holders, let first = holders.first,
            Self.holds(first) * 20 < tasks
        {
            // No process holds much: stopping the top few frees nothing;
            // what matters is who started the many (a fork loop, a pool).
            advice.append(
                "No one process holds many PIDs (the most, \(first.comm ?? "?") (pid \(first.pid.map(String.init) ?? "?")), holds \(Self.holds(first)) of \(tasks)): many processes hold one each. Find who started them, by parent and by name: `ps -e -o ppid= | sort | uniq -c | sort -rn | head` and `ps -e -o comm= | sort | uniq -c | sort -rn | head`."
            )
        } else if let one = DominantHolder.find(context.record.top?.holders ?? [], tasks: tasks) {
            // One process's threads are most of the space: the other
            // holders of one PID each are not worth naming (§11.174).
            advice.append(one.advice(of: "them"))
        } else if let holders = context.record.top?.holders, !holders.isEmpty {
            let list = holders.prefix(3).map {
                "\($0.comm ?? "?") (pid \($0.pid.map(String.init) ?? "?"), \(Quantity.threads($0.threads ?? 0))"
                    + (($0.zombies ?? 0) > 0 ? ", \($0.zombies ?? 0) zombies" : "") + ")"
            }
            advice.append("Find and stop what holds the PIDs: \(list.joined(separator: ", ")).")
        } else {
            advice.append("Find what holds the PIDs: `ps -eo nlwp,pid,comm --sort=-nlwp | head`.")
        }
        if let reap = HolderEvidence.reapAdvice(context.record.top, tasks: tasks) {
            advice.append(reap)
        } else if (context.record.top?.zombies ?? 0) >= HolderEvidence.manyZombies {
            advice.append(
                "Reap zombies: their parent must wait() for them; a PID 1 that does not reap (a shell or app as a container's init) needs a real init such as tini."
            )
        }
        // A quarter of the 64-bit ceiling at least, four times the old value
        // when that is more, never past the ceiling (PID_MAX_LIMIT).
        let raised = Swift.min(Swift.max(pidMax * 4, 4_194_304 / 4), 4_194_304)
        if outgrown != nil {
            // Said first, with the reason.
        } else if binding.key == "pid_max:host" {
            advice.append(
                "Raise the host limit: `sysctl -w kernel.pid_max=\(raised)` (up to 4194304 on 64-bit), and persist it in /etc/sysctl.d/."
            )
        } else {
            // The sysctl is the writer's own namespace's, whatever /proc it
            // goes through (docs/kernel-facts.md §6.19): from outside, enter it.
            advice.append(
                "Raise the namespace's own limit from inside it: `echo \(raised) > /proc/sys/kernel/pid_max`, or from the host: `nsenter --target PID --pid -- sh -c 'echo \(raised) > /proc/sys/kernel/pid_max'`, PID being any of its processes as the host numbers them (per-namespace pid_max, Linux ≥ 6.14; the host's kernel.pid_max still applies at its level)."
            )
        }
        // A pod's process refused by the node's limit: kubelet's bounds
        // keep one pod from taking the node's PIDs (§11.99).
        if binding.key == "pid_max:host", context.identity.isKubernetes {
            advice += KubeletPIDs.fixes + [KubeletNode.raiseNote]
        } else if binding.key == "pid_max:host", let kubelet = KubeletNode.kubelet(context.record.top) {
            // A node daemon refused by a pod's tasks (Azure/AKS#2276, §11.205).
            advice += [KubeletNode.daemonNote(kubelet: kubelet)] + KubeletPIDs.fixes + [KubeletNode.raiseNote]
        }
        return advice
    }

    /// The kernel's compiled-in pid_max (PID_MAX_DEFAULT, 0x8000), which a
    /// machine of fewer than 32 possible CPUs keeps unless a sysctl raises it.
    static let oldDefault: Int64 = 32_768

    /// The first fix when the host's pid_max is still the kernel's 32768
    /// on a machine whose memory allows eight times as many tasks or more
    /// (kernel.threads-max, RAM / 128 KiB on x86-64): 32 GB and up. Then
    /// the limit is what is small: nothing holds most of it, no zombies
    /// pile up, the tasks are the sum of a normal load (systemd#7879: 120
    /// nspawn containers of about 270 threads, §11.175). systemd 243 and
    /// later raise it to 4194304 at boot (sysctl.d/50-pid-max.conf).
    private static func outgrownDefault(_ context: FailureContext, binding: BindingLimit, pidMax: Int64, tasks: Int64)
        -> String?
    {
        guard binding.key == "pid_max:host", !context.pid.isNested, pidMax <= oldDefault,
            let threadsMax = context.pid.threadsMax, threadsMax >= pidMax * 8
        else { return nil }
        let top = context.record.top
        if let first = top?.holders?.first, holds(first) * 2 >= tasks { return nil }
        if HolderEvidence.reapAdvice(top, tasks: tasks) != nil || (top?.zombies ?? 0) >= HolderEvidence.manyZombies {
            return nil
        }
        return
            "Raise the host limit first: pid_max \(pidMax) is the kernel's old default, and this machine's memory allows \(threadsMax) tasks (kernel.threads-max), \(threadsMax / pidMax) times as many; no one process holds most of the PIDs, so the limit is what is small, not one program (systemd 243 and later set 4194304 at boot, /usr/lib/sysctl.d/50-pid-max.conf): `sysctl -w kernel.pid_max=4194304`, and persist it as `kernel.pid_max = 4194304` in a file under /etc/sysctl.d/."
    }

    /// The processes that hold the tasks, when threads are most of them:
    /// top's "Tasks:" line and `ps` count processes, the limit every thread
    /// (systemd#7879: "around 3000 tasks reported by top" at 32468).
    private static func processesLine(_ top: TopSnapshot?, tasks: Int64, host: Bool) -> String? {
        guard host, top?.complete == true, let processes = top?.processes, processes > 0, tasks >= processes * 4
        else { return nil }
        return
            "\(processes) processes hold these \(tasks) tasks (top.processes), \(tasks / processes) threads each on average: top's \"Tasks:\" line and `ps` count processes, pid_max counts every thread (`ps -eL --no-headers | wc -l` counts them)"
    }

    /// PIDs a holder keeps: its threads and its unreaped zombie children.
    private static func holds(_ holder: PIDHolder) -> Int64 {
        Int64(holder.threads ?? 0) + Int64(holder.zombies ?? 0)
    }
}
