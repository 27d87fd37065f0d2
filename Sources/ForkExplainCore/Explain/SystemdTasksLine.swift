/// `systemctl status`'s `Tasks: N (limit: M)`: the unit's pids.current and
/// pids.max, its TasksMax= (docs/kernel-facts.md §11.100). A unit at or
/// near M has every fork and thread past it refused with EAGAIN; the
/// kernel's pids line (`KernelPidsLine`) names the cgroup, this line says
/// which level was full.
enum SystemdTasksLine {
    struct Reading: Sendable, Equatable {
        var current: Int64
        var limit: Int64

        /// Within 2 tasks or 5 % of the limit: status is read after the
        /// failure, when a few tasks may have exited.
        var isFull: Bool { current >= limit - 2 || current * 100 >= limit * 95 }
    }

    static func reading(in line: String) -> Reading? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("Tasks: "), let open = trimmed.range(of: " (limit: ") else { return nil }
        let current = trimmed[trimmed.index(trimmed.startIndex, offsetBy: 7)..<open.lowerBound]
        let limit = trimmed[open.upperBound...].prefix { $0.isASCII && $0.isNumber }
        guard let current = Int64(current), let limit = Int64(limit), limit > 0 else { return nil }
        return Reading(current: current, limit: limit)
    }

    /// The unit status names: its first line (`● x.service - ...`, `*` on
    /// a terminal without UTF-8), else its `CGroup:` line.
    static func unit(in text: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) {
            let words = line.split(separator: " ")
            if let first = words.first, ["●", "*", "○", "×"].contains(first), words.count > 1,
                SystemdUnit.isUnit(words[1])
            {
                return String(words[1])
            }
            if words.first == "CGroup:", let unit = SystemdUnit.last(of: words.dropFirst().first.map(String.init)) {
                return unit
            }
        }
        return nil
    }

    /// A full unit: its TasksMax= refused. `kernel` is the cause the kernel's
    /// pids line gave, whose checks and per-level fixes follow the unit's.
    static func cause(_ reading: Reading, unit: String?, kernel: KnownCause?) -> KnownCause? {
        guard reading.isFull, let cause = CauseCatalog.causes["cgroup_pids_limit"] else { return nil }
        let name = unit ?? "UNIT"
        var reason =
            "systemctl status shows \(name) holding \(reading.current) tasks of its limit of \(reading.limit) (the pids.current and pids.max of its cgroup, set by TasksMax=): every fork or thread of its processes past \(reading.limit) is refused with EAGAIN, whatever memory is free, and the unit's TasksMax= is the limit that binds."
        if let origin = defaultOrigin(reading.limit) { reason += " " + origin }
        var checks = [
            "systemctl show \(name) -p TasksCurrent -p TasksMax; systemctl show -p DefaultTasksMax",
            "ps -eLo unit=,comm= | awk '$1==\"\(name)\"' | sort | uniq -c | sort -rn | head  # the unit's threads by program",
        ]
        checks += kernel?.checks ?? []
        var fixes = [
            SystemdUnit.tasksMaxFix(name, n: "N"),
            "Every unit without a TasksMax= of its own takes `DefaultTasksMax=` from /etc/systemd/system.conf (or a drop-in in /etc/systemd/system.conf.d/), applied after `systemctl daemon-reexec`.",
        ]
        fixes += (kernel?.fixes ?? []).filter { !$0.hasPrefix("`/system.slice/\(name)`") }
        return KnownCause(
            cause: cause, summary: "a unit at its TasksMax=", kind: .unknown, errno: "EAGAIN", reason: reason,
            checks: checks, fixes: fixes)
    }

    /// systemd's defaults: 512 in 228–230, then 15 % of the host's task
    /// limit (4915 with pid_max 32768, 629145 with 4194304); docs §11.7.
    private static func defaultOrigin(_ limit: Int64) -> String? {
        if limit == 512 {
            return
                "512 is systemd 228–230's DefaultTasksMax (Ubuntu 16.04, openSUSE 42): nobody chose it for this unit."
        }
        for pidMax: Int64 in [32768, 65536, 131072, 4_194_304] where limit == pidMax * 15 / 100 {
            return
                "\(limit) is 15 % of pid_max \(pidMax), systemd's DefaultTasksMax since 231: nobody chose it for this unit, and it does not grow with the machine."
        }
        return nil
    }
}
