/// What `pids.events` counts on the record's kernel and mount
/// (docs/kernel-facts.md §6.6).
enum PidsEventSemantics: Sendable, Hashable {
    /// v1, v2 before 6.11, and v2 mounted with `pids_localevents`: refusals of
    /// forks made from this cgroup itself, whichever level's limit refused.
    case forkingCgroup
    /// v2 since 6.11 by default: `pids.events` counts at the refusing level
    /// and above, `pids.events.local` at the refusing level only; the levels
    /// below it count nothing (§6.21).
    case hierarchical
    case unknown

    static let hierarchicalSince = ReleaseVersion(6, 11)

    init(_ context: FailureContext) {
        let cgroups = context.record.cgroups
        let version = cgroups?.pids?.first?.version ?? cgroups?.pidsMount?.version
        if version == 1 || cgroups?.pidsMount?.localEvents == true {
            self = .forkingCgroup
        } else if let kernel = context.kernel {
            self = kernel < Self.hierarchicalSince ? .forkingCgroup : .hierarchical
        } else if cgroups?.pids?.contains(where: { $0.eventsMaxLocal != nil }) == true {
            // pids.events.local exists only since 6.11.
            self = cgroups?.pidsMount?.localEvents == nil ? .unknown : .hierarchical
        } else {
            self = .unknown
        }
    }

    var description: String {
        switch self {
        case .forkingCgroup:
            "pids.events counts refusals of forks made from that cgroup itself, whichever level refused (v1, v2 before 6.11, or pids_localevents)"
        case .hierarchical:
            "pids.events is hierarchical (v2 since 6.11 without pids_localevents): a refusal is counted at the refusing level and above, in pids.events.local of the refusing level only, and nowhere below it"
        case .unknown:
            "what pids.events counts depends on the kernel and mount, which the record does not say"
        }
    }
}
