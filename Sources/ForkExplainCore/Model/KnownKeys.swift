/// Every key of docs/log-format.md this reader knows, by section: the keys
/// it decodes and those it reads past on purpose. Decoding still ignores
/// keys it does not know (a newer shim may add fields); this table is what
/// lets a test notice a field the C collector writes that the Swift side has
/// never heard of.
enum KnownKeys {
    /// Sections by path: `a.b` for a nested object, `[]` for the elements of
    /// an array, `""` for the record itself.
    static let sections: [String: Set<String>] = [
        "": LogRecord.CodingKeys.names,
        "process": ProcessSnapshot.CodingKeys.names.union(ProcessSnapshot.unreadKeys),
        "call": CallSnapshot.CodingKeys.names.union(CallSnapshot.unreadKeys),
        "pid": PIDSnapshot.CodingKeys.names,
        "limits": LimitsSnapshot.CodingKeys.names.union(LimitsSnapshot.unreadKeys),
        "limits.nproc": RLimit.CodingKeys.names.union(RLimit.unreadKeys),
        "limits.as": RLimit.CodingKeys.names.union(RLimit.unreadKeys),
        "limits.stack": RLimit.CodingKeys.names.union(RLimit.unreadKeys),
        "limits.nofile": RLimit.CodingKeys.names.union(RLimit.unreadKeys),
        "cgroups": CgroupsSnapshot.CodingKeys.names,
        "cgroups.pids_mount": CgroupMount.CodingKeys.names,
        "cgroups.memory_mount": CgroupMount.CodingKeys.names,
        "container": ContainerSnapshot.CodingKeys.names,
        "container.bind_roots": ContainerSnapshot.bindMountPoints,
        "container.containerenv": ContainerSnapshot.containerenvKeys,
        "beancounters": BeancountersSnapshot.CodingKeys.names,
        "beancounters.numproc": BeancounterRow.CodingKeys.names,
        "beancounters.privvmpages": BeancounterRow.CodingKeys.names,
        "beancounters.kmemsize": BeancounterRow.CodingKeys.names,
        "beancounters.physpages": BeancounterRow.CodingKeys.names,
        "lve": LVESnapshot.CodingKeys.names,
        "cgroups.pids[]": PIDsCgroupLevel.CodingKeys.names,
        "cgroups.memory[]": MemoryCgroupLevel.CodingKeys.names.union(MemoryCgroupLevel.unreadKeys),
        "cgroups.memory[].events": MemoryEvents.CodingKeys.names,
        "cgroups.memory[].events_local": MemoryEvents.CodingKeys.names,
        "cgroups.memory[].swap_events": SwapEvents.CodingKeys.names,
        "memory": MemorySnapshot.CodingKeys.names.union(MemorySnapshot.unreadKeys),
        "top": TopSnapshot.CodingKeys.names.union(TopSnapshot.unreadKeys),
        "top.holders[]": PIDHolder.CodingKeys.names,
        "backtrace[]": BacktraceFrame.CodingKeys.names.union(BacktraceFrame.unreadKeys),
        "fill_refused": FillRefusal.CodingKeys.names,
        "held": HeldTally.CodingKeys.names,
    ]

    /// The paths of the keys in `object` (a record as `JSONSerialization`
    /// gives it) that no section knows, and of objects in no known section.
    static func unknown(in object: Any, at path: String = "") -> [String] {
        if let array = object as? [Any] {
            return array.flatMap { unknown(in: $0, at: path + "[]") }
        }
        guard let object = object as? [String: Any] else { return [] }
        guard let known = sections[path] else { return ["\(path) (an object where none is known)"] }
        var found: [String] = []
        for key in object.keys.sorted() {
            let child = path.isEmpty ? key : "\(path).\(key)"
            if known.contains(key), let value = object[key] {
                found += unknown(in: value, at: child)
            } else {
                found.append(child)
            }
        }
        return found
    }
}

extension CaseIterable where Self: CodingKey {
    /// The keys as the log spells them.
    static var names: Set<String> { Set(allCases.map(\.stringValue)) }
}
