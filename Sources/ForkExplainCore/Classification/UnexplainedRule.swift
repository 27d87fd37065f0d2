/// `unexplained`: no rule matched. docs/kernel-facts.md §5: "counters can disagree with the
/// failure: say so, and never invent a cause". The evidence shows the limits
/// that came closest, so the reader can judge.
struct UnexplainedRule: ClassificationRule {
    func evaluate(_ context: FailureContext) -> Verdict? {
        var evidence = ClosestLimits.lines(for: context.record, count: 3)
        if evidence.isEmpty {
            evidence.append("the record holds no limit that could be compared")
        }
        // docs/kernel-facts.md §6.21: inside a container the closest visible
        // limit may not be the one that refused; say what cannot be seen.
        if context.identity.isContainerView {
            let top = context.record.cgroups?.pids?.last?.path ?? "/"
            evidence.insert(
                "these are only the limits visible from inside a container: levels above its own cgroup (\(top) here, \(PidsLevelPlace.containerOwnHow(top, identity: context.identity))) and the host's per-uid counts are not, and may hold the limit that refused",
                at: 0)
        }
        evidence.append(contentsOf: MemoryExhaustedRule.fullSwapLines(context.memory))
        evidence.append(contentsOf: LXCFSView.lines(for: context))
        if let noPids = MissingSources.noPidsLine(for: context.record) { evidence.append(noPids) }
        let creatorCap = CreatorNPROCCap.lines(for: context)
        if let creatorCap { evidence.append(creatorCap.evidence) }
        let addressSpace = AddressSpace.lines(for: context)
        evidence.insert(contentsOf: addressSpace.evidence, at: 0)
        if let hidden = PIDSpace.hiddenHostNote(context.pid, kernel: context.kernel) {
            evidence.append(hidden)
        }
        if let unreadable = MissingSources.line(for: context.record) {
            evidence.append(unreadable)
        }
        evidence.append(Self.disagreementNote)
        return Verdict(
            id: .unexplained,
            confidence: .low,
            summary: addressSpace.binding == nil
                ? "\(context.callDescription) failed with \(context.errnoDescription), no limit matches"
                : "\(context.callDescription) failed with \(context.errnoDescription): the 32-bit address space has no room for the thread's stack, which no limit of the verdict table names",
            // The address space is no limit of the verdict table, but when a
            // thread's stack cannot fit below the split it is what bound.
            bindingLimit: addressSpace.binding ?? BindingLimit(key: "unexplained", name: "no limit identified"),
            kernelRule: addressSpace.binding == nil
                ? "no kernel rule matched the recorded numbers"
                : "mmap of the stack: mm/mmap.c get_unmapped_area() finds no gap that large below the split → -ENOMEM; glibc's pthread_create returns it as EAGAIN (docs/kernel-facts.md §2, §11.4)",
            misleadingNote: nil,
            evidence: evidence,
            advice: addressSpace.advice + (creatorCap.map { [$0.advice] } ?? []) + [
                "Run `forkexplain explain \(context.errnoDescription)` for the causes that give this errno and the command that checks each.",
                "If it happens again, compare the closest limits above at the moment of failure (`dmesg` may show \"fork rejected by pids controller\").",
            ]
        )
    }

    static let disagreementNote =
        "counters can disagree with the failure (docs/kernel-facts.md §5): a limit may have been hit and released before the snapshot, or be invisible from here (tasks of the same uid in other containers, a parent cgroup not mounted)"
}
