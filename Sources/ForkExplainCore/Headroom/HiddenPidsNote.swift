/// For `check` in a container whose every visible pids level says max:
/// what says a level above the view binds, which check cannot rate from
/// inside (docs/kernel-facts.md §11.168): refusals counted in the checked
/// process's own cgroup, which no visible level made, and the container's
/// own count just under a round number (HiddenPidsLimit.roundLimit) when
/// it is. A count near a round number alone is too often chance.
struct HiddenPidsNote: Sendable, Hashable {
    var line: String
    var fixes: [String]

    static func of(_ record: LogRecord) -> HiddenPidsNote? {
        let levels = record.cgroups?.pids ?? []
        let identity = ContainerIdentity(record: record)
        guard identity.isContainerView, let top = levels.last, let current = top.current,
            !levels.contains(where: { $0.max?.number != nil })
        else { return nil }
        let refused = levels.first?.eventsMax ?? 0
        let round = HiddenPidsLimit.roundLimit(justAbove: current)
        guard refused > 0 else { return nil }
        var reasons: [String] = []
        if let round {
            reasons.append(
                "the container's own level \(top.path ?? "/") holds \(current) tasks, \(round - current) short of \(round), a round number limits are set to"
            )
        }
        if let own = levels.first {
            reasons.append(
                "forks from \(own.path ?? "?") were refused \(refused) times (its pids.events), by no level visible here"
            )
        }
        let line =
            "no pids level visible here has a limit, but \(reasons.joined(separator: ", and ")): a limit above this container, which check cannot read from inside, is likely the one that binds"
        let fixes = PidsLimitOwner.ownerOfContainer(identity, version: top.version, n: "N", above: true)
        return HiddenPidsNote(line: line, fixes: fixes)
    }
}
