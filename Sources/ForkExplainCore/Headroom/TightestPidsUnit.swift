/// For `check`: the pids level with the least room when a systemd unit
/// owns it (its path ends in `x.service`, `x.scope`, `x.slice`): that
/// unit's TasksMax= is the task limit that binds first, named with the fix
/// `report` gives a failure there (PidsLimitOwner) and, where the value is
/// one of systemd's defaults, where it came from (SystemdDefaultTasksMax;
/// docs/kernel-facts.md §11.100, §11.115).
struct TightestPidsUnit: Sendable, Hashable {
    var unit: String
    var path: String
    var room: Int64
    /// The shipped default the value is, in words; nil when chosen.
    var origin: String?
    /// How to raise it, aimed at its owner.
    var fixes: [String]
    /// The level's `pids.peak` (Linux 6.1+), shown and sizing the raise.
    var peak: Int64? = nil
    /// Where the level's files are, for the peak's line.
    var dir: String? = nil

    static func of(_ record: LogRecord) -> TightestPidsUnit? {
        let levels = record.cgroups?.pids ?? []
        guard let tightest = tightest(levels) else { return nil }
        let level = levels[tightest.index]
        guard let path = level.path, let unit = SystemdUnit.last(of: path) else { return nil }
        let identity = ContainerIdentity(record: record)
        let place = PidsLevelPlace.of(index: tightest.index, in: levels, identity: identity)
        let newMax = PidsLimitOwner.raised(tightest.max)
        var fixes = PidsLimitOwner.advice(
            place: place, path: path, dir: level.dir, version: level.version, newMax: newMax, identity: identity)
        // As report's fix: the unit's own peak sizes the raise (§11.214, §11.224).
        let dir = level.dir ?? "/sys/fs/cgroup\(path)"
        SystemdUnit.sizeFromPeak(&fixes, level: level, dir: dir, newMax: newMax)
        // A guest systemd takes its share of the container's own limit (§11.105).
        let root = place == .insideContainer ? levels.last?.max?.number : nil
        let origin = SystemdDefaultTasksMax.match(
            path: path, limit: tightest.max, pidMax: record.pid?.pidMax, threadsMax: record.pid?.threadsMax,
            rootPidsMax: root)
        return TightestPidsUnit(
            unit: unit, path: path, room: tightest.room, origin: origin?.evidence, fixes: fixes, peak: level.peak,
            dir: dir)
    }

    /// The limited level with the least room, its max and that room.
    static func tightest(_ levels: [PIDsCgroupLevel]) -> (index: Int, max: Int64, room: Int64)? {
        let limited = levels.indices.compactMap { index -> (index: Int, max: Int64, room: Int64)? in
            guard let max = levels[index].max?.number, let current = levels[index].current else { return nil }
            return (index, max, Swift.max(max - current, 0))
        }
        return limited.min(by: { $0.room < $1.room })
    }

    /// `pids.peak 7 in DIR: the most tasks the unit's cgroup has held since it started`;
    /// nil before Linux 6.1, which has no such file.
    var peakLine: String? {
        guard let peak, let dir else { return nil }
        return "pids.peak \(peak) in \(dir): the most tasks \(unit)'s cgroup has held since it started"
    }

    /// `the tightest pids level, /system.slice/x.service, is systemd unit x.service's TasksMax= (room for 3 more)`
    var line: String {
        "the tightest pids level, \(path), is systemd unit \(unit)'s TasksMax= (room for \(room) more)"
    }
}
