/// What an error text alone says: which errno, whether a process or a
/// thread was being created, which program said it, and a cause the text
/// establishes by itself (docs/kernel-facts.md §10).
struct ErrorMessage: Sendable {
    var excerpt: MessageExcerpt
    /// The errnos the lines read name, in order; empty when none does.
    var errnos: [String]
    var kind: CallKind
    var program: String?
    var isMemoryMapping: Bool
    /// The program's `ProgramRule.notATask`.
    var notATask: String?
    /// The program's `ProgramRule.failedCall`.
    var failedCall: String?
    /// Every remark printed under the first line, in order: the program's
    /// note, hosting hints, readings of pasted limits, an OOM kill beside.
    var notes: [String]
    /// The program's `ProgramRule.note`, also first in `notes`: kept apart
    /// so that `explain --format json` can name what each remark is.
    var programNote: String?
    /// What the text says of the platform it ran on (`HostingHint`), also in `notes`.
    var hints: [String] = []
    /// Limits the text prints beside the error (OpenBLAS's, `ulimit -u`'s),
    /// read, also in `notes`.
    var limitsRead: [String] = []
    var ruledOut: [String]
    /// Causes to list before the others, from numbers the text prints.
    var firstCauses: [String]
    /// The program's `ProgramRule.unrecorded`.
    var unrecorded: String?
    /// The program's `ProgramRule.conditions`.
    var conditions: [String: String]
    /// The program's `ProgramRule.causesByErrno`.
    var causesByErrno: [String: [String]]
    var known: KnownCause?
    /// What the text is when it is no task creation (an OOM kill, a full
    /// disk, no failure named at all).
    var notTask: NotATaskText?

    var text: String { excerpt.text }
    var errno: String? { errnos.first }

    init(_ text: String) {
        excerpt = MessageExcerpt(text)
        let lines = excerpt.used.map(\.text)
        let lower = excerpt.text.lowercased()
        var errnos: [String] = []
        for errno in lines.compactMap(ErrnoInText.find) where !errnos.contains(errno) { errnos.append(errno) }
        // The gate reads every line: a what() line naming another errno is
        // not one the excerpt keeps.
        let printed = text.split(whereSeparator: \.isNewline).compactMap { ErrnoInText.find(in: String($0)) }
        // strace's own lines say the call, its flags and its errno exactly;
        // a JVM product shows in the stack frames the excerpt leaves out.
        let strace = StraceCall.refused(in: text)
        let matched =
            StraceRule.rule(for: strace)
            ?? JVMProductRules.refined(ProgramCatalog.rule(for: lower), in: text.lowercased())
        let rule = matched.flatMap { $0.allows(printed) ? $0 : nil }
        if matched != nil, rule == nil {
            // The program's words with another errno: that errno, not a task's.
            errnos = printed.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        }
        if errnos.isEmpty { errnos = rule?.errnosWhenNone ?? [] }
        if !strace.isEmpty { errnos = strace.map(\.errno).reduce(into: []) { if !$0.contains($1) { $0.append($1) } } }
        self.errnos = errnos

        kind = rule?.kind ?? Self.kind(of: lines, in: text)
        program = rule?.program
        isMemoryMapping = rule?.isMemoryMapping ?? false
        notATask = rule?.notATask
        failedCall = rule?.failedCall
        programNote = rule?.note
        notes = rule?.note.map { [$0] } ?? []
        ruledOut = rule?.ruledOut ?? []
        firstCauses = rule?.firstCauses ?? []
        unrecorded = rule?.unrecorded
        conditions = rule?.conditions ?? [:]
        causesByErrno = rule?.causesByErrno ?? [:]
        // A host's task quota says nothing of an errno no task limit gives
        // (`spawn ETXTBSY` from Lambda's /var/task, docs/kernel-facts.md §11.119).
        let aTasksErrno = errnos.isEmpty || CauseCatalog.orderings.contains { errnos.contains($0.errno) }
        for hint in HostingHint.hints(in: text.lowercased()) where aTasksErrno {
            notes.append(hint.note)
            hints.append(hint.note)
            firstCauses += hint.firstCauses.filter { !firstCauses.contains($0) }
        }
        if kind == .thread, errnos.first == "ENOMEM", notes.isEmpty {
            notes.append(
                "glibc's pthread_create never returns ENOMEM (a refused stack mapping comes back as EAGAIN): an ENOMEM comes from a C library that passes the mapping's error through (uClibc) or another system, and means the thread's stack could not be mapped (docs/kernel-facts.md §11.87)."
            )
        }
        var paths: [String] = []
        for path in lines.compactMap(KernelPidsLine.path) where !paths.contains(path) { paths.append(path) }
        let kernel = KernelPidsLine.cause(paths: paths)
        let tasks = lines.lazy.compactMap(SystemdTasksLine.reading).first
        let unit = SystemdTasksLine.unit(in: text) ?? paths.last?.split(separator: "/").last.map(String.init)
        let kubelet = lines.lazy.compactMap(KubeletPidsLine.kind).first
        if let full = tasks.flatMap({ SystemdTasksLine.cause($0, unit: unit, kernel: kernel) }) {
            known = full
            program = "systemd (systemctl status)"
        } else if let kernel {
            known = kernel
            program = "the kernel"
        } else if let kubelet, let cause = KubeletPidsLine.cause(kubelet) {
            known = cause
            program = "kubelet"
        } else if let check = lines.lazy.compactMap(BootstrapCheckLine.cause).first {
            known = check
            program = "Elasticsearch"
        } else if rule == nil, let commit = lines.lazy.compactMap(CommitRefusalLine.cause).first {
            // A program's own words beside it say more of what failed (runc's init-p).
            known = commit
            program = "the kernel"
        }
        if let known { kind = rule?.kind ?? known.kind }
        if rule != nil, !ruledOut.contains("commit_limit"),
            let refused = lines.lazy.compactMap(CommitRefusalLine.reading).first
        {
            // The kernel's line beside a program's words says which limit refused.
            firstCauses.removeAll { $0 == "commit_limit" }
            firstCauses.insert("commit_limit", at: 0)
            notes.append(CommitRefusalLine.besideNote(refused))
        }
        if let tasks, !tasks.isFull {
            // Not full when status ran: a slice above refused, or the
            // unit's tasks exited since (docs/kernel-facts.md §11.100).
            notes.append(
                "systemctl status shows \(tasks.current) tasks of a limit of \(tasks.limit) for \(unit ?? "the unit"): not at its TasksMax= when status ran, so a parent slice's limit refused, another limit did, or the unit's tasks had exited by then."
            )
        }
        if let errno = known?.errno, self.errnos.isEmpty { self.errnos = [errno] }
        let before = notes.count
        readPrintedLimits(lower)
        // Settings pasted beside the error lines, which the excerpt drops.
        readPrintedNPROC(text.lowercased())
        limitsRead = Array(notes[before...])
        if rule == nil, known == nil, notes.isEmpty, firstCauses.isEmpty {
            notTask = NotATaskText.read(text, errnos: self.errnos, kind: kind)
        }
        if notTask == nil, known == nil, let kill = OOMKillText.read(text), kill.reporter != .signal {
            // A refused fork beside an OOM kill: memory, not a task count, ran out first.
            notes.append(
                "The text also shows the OOM killer ending a process: memory was truly exhausted (a memory cgroup's limit or the machine's) around this failure, so the memory causes come first (docs/kernel-facts.md §11.120)."
            )
        }
    }

    /// The kind the lines read say; else the closest line above the first
    /// of them that says one (a Python traceback names `os.fork()` just
    /// above `OSError: [Errno 12]`).
    private static func kind(of lines: [String], in text: String) -> CallKind {
        if let kind = lines.map(TaskKindInText.kind).first(where: { $0 != .unknown }) { return kind }
        let all = text.split(whereSeparator: \.isNewline).map(String.init)
        guard let first = lines.first, let index = all.firstIndex(where: { $0.contains(first) }) else {
            return .unknown
        }
        let above = all[max(0, index - 3)..<index].reversed()
        return above.map(TaskKindInText.kind).first { $0 != .unknown } ?? .unknown
    }

    private mutating func readPrintedLimits(_ lower: String) {
        if let limit = PrintedLimits.openBLASNproc(in: lower) {
            if limit.current < 0 {
                ruledOut.append("rlimit_nproc")
                notes.append("OpenBLAS printed RLIMIT_NPROC -1 (unlimited): ulimit -u is not the limit here.")
            } else if PrintedNPROC.isSmall("\(limit.current)") {
                firstCauses.append("rlimit_nproc")
                notes.append(
                    "OpenBLAS printed its RLIMIT_NPROC: \(limit.current) (soft), \(limit.maximum) (hard); with the user's tasks near \(limit.current) that is the limit, "
                        + (limit.maximum > limit.current
                            ? "and `ulimit -u \(limit.maximum)` raises it without root."
                            : "and only root raises it past the hard limit, the same number.")
                )
            } else {
                // OpenBLAS prints the limit on every refusal, whatever refused
                // (docs/kernel-facts.md §11.191: 1031641 beside podman's 2048).
                notes.append(
                    "OpenBLAS printed its RLIMIT_NPROC: \(limit.current) (soft), \(limit.maximum) (hard). OpenBLAS prints it on every refusal, whatever refused; a limit this large is most likely the kernel's own default (half of kernel.threads-max, set from the machine's memory at boot: 1031641 on a 252 GiB machine), which a uid's tasks seldom reach before a pids cgroup does: a container's `--pids-limit` (podman's default 2048), kubelet's `podPidsLimit` or a unit's TasksMax=. Count the uid's tasks before raising it: `ps -L -U $(id -ru) --no-headers | wc -l`."
                )
            }
        }
        if let note = MongoDBThreads.printedNote(in: lower) { notes.append(note) }
        if program == "Go (runtime)", notATask == nil, let note = GoNewOSProc.fewNote(in: lower) { notes.append(note) }
        if kind == .thread, program?.hasPrefix("the JVM") ?? false, let note = JavaPoolThreadName.note(in: lower) {
            notes.append(note)
        }
        if isMemoryMapping, let size = PrintedLimits.hotSpotMapping(in: lower), size <= PrintedLimits.smallMapping {
            firstCauses.append("map_count_limit")
        }
    }

    private mutating func readPrintedNPROC(_ lower: String) {
        if let soft = PrintedNPROC.soft(in: lower), !ruledOut.contains("rlimit_nproc") {
            if PrintedNPROC.isUnbounded(soft) {
                ruledOut.append("rlimit_nproc")
                notes.append(
                    "The text shows RLIMIT_NPROC's soft limit as \(soft): no uid's tasks reach it (pid_max is at most 4194304), so ulimit -u is not the limit here (docs/kernel-facts.md §11.103)."
                )
            } else {
                // A soft limit in the hundreds of thousands is rarely what a uid reaches first.
                if PrintedNPROC.isSmall(soft), !firstCauses.contains("rlimit_nproc") {
                    firstCauses.insert("rlimit_nproc", at: 0)
                }
                notes.append(
                    "The text sets RLIMIT_NPROC's soft limit to \(soft). The kernel counts against it every task of the process's real uid on the host, not the container's or the session's own: host processes and other containers running as the same uid fill it too, so a container is refused with far fewer than \(soft) tasks of its own when its uid is busy elsewhere; exempt: \(NPROCExemption.task). Run it as a uid nothing else uses, or raise the soft limit; a pids limit (`--pids-limit`, TasksMax=) is the per-container bound (docs/kernel-facts.md §11.103)."
                )
            }
        }
    }
}
