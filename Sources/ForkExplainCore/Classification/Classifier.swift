/// Gives a failure record its verdict: the first rule whose numbers match,
/// in the order of the design (the most specific causes first, memory after
/// the limits that masquerade as memory, `unexplained` last).
struct Classifier: Sendable {
    let rules: [any ClassificationRule]

    init() {
        rules = [
            PIDNamespaceInitRule(),
            CgroupPidsRule(),
            RLimitNPROCRule(),
            PIDMaxRule(),
            ThreadsMaxRule(),
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
        var verdict = firstMatch(record)
        // A test hook's failure must never pass for a real one in a ticket.
        if record.call?.injected == true {
            verdict.evidence.insert(
                "injected by FORKEXPLAIN_INJECT (a test hook): the real call was not made, the errno is the hook's",
                at: 0)
        }
        return verdict
    }

    private func firstMatch(_ record: LogRecord) -> Verdict {
        let context = FailureContext(record: record)
        for rule in rules {
            if let verdict = rule.evaluate(context) { return verdict }
        }
        // UnexplainedRule always answers.
        return UnexplainedRule().evaluate(context) ?? Self.tallyOnly(record)
    }

    /// The verdict of a tally that follows no failure record: the count is
    /// real, the cause unknown.
    static func tallyOnly(_ record: LogRecord) -> Verdict {
        let call = record.call?.nameDescription ?? "unknown call"
        let errno = record.call?.resolvedErrnoName ?? "an unrecorded errno"
        return Verdict(
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
    }
}
