/// Gives a failure record its verdict. Every rule is asked; a limit that is
/// full with the errno it gives beats one that was only near; among full
/// ones the kernel's own check order decides (KernelCheckOrder); otherwise
/// the first rule whose numbers match, in the order of the design (the most
/// specific causes first, memory after the limits that masquerade as
/// memory), and `unexplained` last.
struct Classifier: Sendable {
    let rules: [any ClassificationRule]

    init() {
        rules = [
            PIDNamespaceInitRule(),
            NamespaceCountRule(),
            BeancounterRule(),
            LVERule(),
            CgroupPidsRule(),
            RLimitNPROCRule(),
            PIDMaxRule(),
            ThreadsMaxRule(),
            ExecInProgressRule(),
            MemoryExhaustedRule(),
            MemcgLimitRule(),
            CommitLimitRule(),
            MapCountRule(),
            RLimitASRule(),
            PolicyRule(),
            ContainerFallbackRule(),
        ]
    }

    func classify(_ record: LogRecord) -> Verdict {
        classify(FailureContext(record: record))
    }

    /// A failure record's event: the record, its verdict and its identity,
    /// from one `FailureContext`.
    func event(_ record: LogRecord) -> FailureEvent {
        let context = FailureContext(record: record)
        return FailureEvent(context: context, verdict: classify(context))
    }

    /// The same for a context already worked out: it is built once a record
    /// (its releases and identity are a good part of classifying one).
    func classify(_ context: FailureContext) -> Verdict {
        let record = context.record
        var verdict = firstMatch(context)
        // A test hook's failure must never pass for a real one in a ticket.
        if record.call?.injected == true {
            verdict.evidence.insert(
                "injected by FORKEXPLAIN_INJECT (a test hook): the real call was not made, the errno is the hook's",
                at: 0)
        }
        if let note = Self.systemStatusNote(context) {
            verdict.evidence.append(note)
        }
        if let note = CxxStdThreadCaller.note(context) {
            verdict.evidence.append(note)
        }
        // An OpenMP team or OpenBLAS's pool is sized from the cores: its
        // knob is a fix beside the limit's owner (§11.134).
        if let runtime = ParallelRuntimeCaller.finding(context, verdict: verdict.id) {
            verdict.evidence.append(runtime.evidence)
            verdict.advice.insert(runtime.advice, at: min(1, verdict.advice.count))
        }
        GuestVMNote.apply(&verdict, context)
        if let lve = LVEKernelNote.note(context) {
            verdict.evidence.append(lve)
        }
        if let missing = MissingSources.missingLine(for: record) {
            verdict.evidence.append(missing)
        }
        return verdict
    }

    /// docs/kernel-facts.md §6.2 and docs/libc-facts.md §2: what system()
    /// returned for this failure depends on the C library's release; the
    /// program's own log shows that value.
    static func systemStatusNote(_ context: FailureContext) -> String? {
        guard context.call == .system, let era = context.systemSays127ForSpawnFailure else { return nil }
        if context.libc == .musl {
            let musl = context.record.libcDescription ?? "musl"
            return era
                ? "system() on \(musl) (0.9.10–1.1.19) reports a failed spawn as the status of a shell that exited 127, errno set: a \"command not found\"-like 127 in the program's log is this failure, not its command (docs/libc-facts.md §2)"
                : "system() on \(musl) returns -1 with errno set when it cannot spawn the shell (1.1.20 and later; docs/libc-facts.md §2)"
        }
        let glibc = context.record.glibc ?? "?"
        return era
            ? "system() on glibc \(glibc) (2.33–2.40) reports a failed spawn as the status of a shell that exited 127, errno set: a \"command not found\"-like 127 in the program's log is this failure, not its command"
            : "system() on glibc \(glibc) returns -1 with errno set when it cannot spawn the shell (2.33–2.40 returned the status 127 instead)"
    }

    private func firstMatch(_ context: FailureContext) -> Verdict {
        let verdicts = rules.compactMap { $0.evaluate(context) }.filter { !$0.contradicted }
        if let verdict = KernelCheckOrder.binding(among: verdicts, in: context) { return verdict }
        // UnexplainedRule always answers.
        return UnexplainedRule().evaluate(context) ?? Self.tallyOnly(context.record)
    }

    /// The verdict of a tally that follows no failure record: the count is
    /// real, the cause unknown, unless the shim wrote the tally because
    /// memory had no room for a snapshot and said what was short
    /// (`FillRefusalVerdict`).
    static func tallyOnly(_ record: LogRecord) -> Verdict {
        if let verdict = FillRefusalVerdict.verdict(record) { return verdict }
        let call = record.call?.nameDescription ?? "unknown call"
        let errno = record.call?.resolvedErrnoName ?? "an unrecorded errno"
        var verdict = Verdict(
            id: .unexplained,
            confidence: .low,
            summary: "\(call) failed with \(errno), no snapshot taken",
            bindingLimit: BindingLimit(key: "unexplained", name: "no limit identified"),
            kernelRule: "no kernel rule can be named without a snapshot",
            evidence: [
                "only a tally was recorded: \(record.call?.suppressed ?? 0) failures of \(call) (\(errno)) were counted without a snapshot",
                UnexplainedRule.disagreementNote,
            ],
            advice: [
                "Lower FORKEXPLAIN_INTERVAL_MS or make sure the log is writable, so the next failure gets a snapshot."
            ]
        )
        if let note = FillRefusalVerdict.note(record) { verdict.evidence.insert(note, at: 1) }
        if let held = record.held { verdict.evidence.insert(held.note(count: record.call?.suppressed ?? 0), at: 1) }
        return verdict
    }
}
