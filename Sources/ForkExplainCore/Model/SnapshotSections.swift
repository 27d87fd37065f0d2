/// The sections of a record only the classifier reads (`LogRecord.snapshot`).
/// Changed only through `LogRecord`'s setters, and only while one record
/// holds it (copy on write): a shared one is never changed, which is what
/// makes it safe to send.
final class SnapshotSections: @unchecked Sendable {
    var limits: LimitsSnapshot?
    var cgroups: CgroupsSnapshot?
    var memory: MemorySnapshot?
    var container: ContainerSnapshot?
    var beancounters: BeancountersSnapshot?
    var lve: LVESnapshot?
    var unreadable: [String]?
    var absent: [String]?
    var fillRefused: FillRefusal?
    var held: HeldTally?

    init() {}

    func copy() -> SnapshotSections {
        let copy = SnapshotSections()
        copy.limits = limits
        copy.cgroups = cgroups
        copy.memory = memory
        copy.container = container
        copy.beancounters = beancounters
        copy.lve = lve
        copy.unreadable = unreadable
        copy.absent = absent
        copy.fillRefused = fillRefused
        copy.held = held
        return copy
    }

    /// Every string the sections hold: what reflection finds in them
    /// (`HeldEventTests`), without its cost.
    var strings: [String] {
        var all: [String] = []
        all += [limits?.nprocExempt].compactMap { $0 }
        for level in cgroups?.pids ?? [] { all += [level.path, level.dir].compactMap { $0 } }
        for level in cgroups?.memory ?? [] { all += [level.path, level.dir].compactMap { $0 } }
        for mount in [cgroups?.pidsMount, cgroups?.memoryMount] {
            all += [mount?.mount, mount?.root].compactMap { $0 }
        }
        all +=
            (container?.markers ?? [])
            + [container?.manager, container?.initContainer, container?.rootSource].compactMap { $0 }
        all += container?.lxcfs ?? []
        for (key, value) in container?.bindRoots ?? [:] { all += [key, value] }
        for (key, value) in container?.containerenv ?? [:] { all += [key, value] }
        all += (unreadable ?? []) + (absent ?? [])
        all += [fillRefused?.reason, fillRefused?.mount, fillRefused?.path, fillRefused?.counter, fillRefused?.source]
            .compactMap { $0 }
        all += [held?.logErrnoName, held?.fill].compactMap { $0 }
        return all
    }
}
