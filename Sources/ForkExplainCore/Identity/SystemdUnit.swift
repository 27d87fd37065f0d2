/// A systemd unit where a cgroup path or a status line names one, and the
/// fix for its TasksMax= (docs/kernel-facts.md §11.100, §11.115): one text
/// for `explain` (SystemdTasksLine), `report` (PidsLimitOwner) and
/// `check` (CheckUnitLine), so that the three never advise differently.
enum SystemdUnit {
    /// The unit types a cgroup of their own can hold TasksMax= for.
    private static let types = [
        "service": "Service", "scope": "Scope", "slice": "Slice", "socket": "Socket", "mount": "Mount",
    ]

    static func isUnit<S: StringProtocol>(_ word: S) -> Bool {
        guard let dot = word.lastIndex(of: "."), dot != word.startIndex else { return false }
        return types[String(word[word.index(after: dot)...])] != nil
    }

    /// The unit a cgroup path ends in: `/system.slice/nginx.service` → `nginx.service`.
    static func last(of path: String?) -> String? {
        guard let last = path?.split(separator: "/").last, isUnit(last) else { return nil }
        return String(last)
    }

    /// The drop-in section TasksMax= goes in: the unit type's own.
    static func section(of unit: String) -> String {
        let type = unit.split(separator: ".").last.map(String.init) ?? "service"
        return types[type] ?? "Service"
    }

    /// `set-property` writes a persistent drop-in and the cgroup at once;
    /// `systemctl edit` is the drop-in by hand. A key systemd does not know
    /// in a unit (`TaskMax=`, or system.conf's `DefaultTasksMax=`) is
    /// skipped with a journal line only, and a unit file edited in place
    /// is not read before a daemon-reload: Icinga's users set both and saw
    /// 512 still (docs/kernel-facts.md §11.173), so the fix says how to see
    /// that it took.
    /// The raise a fix proposes is twice the limit, a guess; where the
    /// kernel keeps `pids.peak` (Linux 6.1, commit 5251c6c436ed) the unit's
    /// own peak under the raised limit sizes it (docs/kernel-facts.md §11.214).
    static func peakSizing(dir: String) -> String {
        "Then size it from what the unit really reaches, not by doubling again: after its busiest run under the raised limit, `cat \(ShellWord.quoted(dir + "/pids.peak"))` is the most tasks its cgroup has held since the unit started it (a restart starts a new cgroup, and a new peak); set TasksMax= to that with room to spare."
    }

    /// Appends peakSizing to the unit's TasksMax= fix in `advice` where the
    /// level has a pids.peak: `report` and `check` alike (§11.214, §11.224).
    static func sizeFromPeak(_ advice: inout [String], level: PIDsCgroupLevel, dir: String, newMax: Int64?) {
        guard level.peak != nil, let newMax, let unit = last(of: level.path),
            let fix = advice.firstIndex(where: { $0.contains(tasksMaxFix(unit, n: String(newMax))) })
        else { return }
        advice[fix] += " " + peakSizing(dir: dir)
    }

    static func tasksMaxFix(_ unit: String, n: String) -> String {
        if unit == "init.scope" { return initScopeFix(n: n) }
        if let fix = TransientScope.tasksMaxFix(unit, n: n) { return fix }
        let quoted = ShellWord.quoted(unit)
        return
            "`systemctl set-property \(quoted) TasksMax=\(n)` raises it at once, without a restart, and keeps it (`--runtime`: until reboot); or `systemctl edit \(quoted)`, then `[\(section(of: unit))]` `TasksMax=\(n)` (or `infinity`) in the drop-in. See that it took: `systemctl show -p TasksMax \(quoted)` (a unit ignores a key it does not know, such as `TaskMax=` or system.conf's `DefaultTasksMax=`, with only an \"Unknown lvalue\" line in the journal, and a unit file edited in place needs `systemctl daemon-reload`)."
            + (engineNote(unit).map { " " + $0 } ?? "")
    }

    /// init.scope has no unit file: systemd makes it in memory for PID 1
    /// (src/core/scope.c `scope_load_init_scope`), so `systemctl edit`
    /// finds no file and asks for `--force --full`, a whole new unit, while
    /// set-property's cgroup settings apply to any scope and its drop-in
    /// is read by `scope_load` (docs/kernel-facts.md §11.224).
    static func initScopeFix(n: String) -> String {
        "`systemctl set-property init.scope TasksMax=\(n)` raises it at once and keeps it (its drop-in under /etc/systemd/system.control/init.scope.d/, which systemd reads for init.scope too; `--runtime`: until reboot). Not `systemctl edit init.scope`: init.scope has no unit file (systemd makes it for PID 1), so edit stops and asks for `--force --full`, which writes a whole new unit. See that it took: `systemctl show -p TasksMax init.scope`."
    }

    /// The units of container engines whose per-container shims stay in
    /// the engine's own cgroup: its count grows with the containers, and
    /// the engine's own unit file ships `TasksMax=infinity`
    /// (docs/kernel-facts.md §11.190: AKS nodes at 512 in containerd.service).
    static let engineUnits: Set<String> = [
        "containerd.service", "docker.service", "k3s.service", "k3s-agent.service",
    ]

    /// Why an engine's unit fills with no leak, and the value its own unit
    /// sets; nil for any other unit.
    static func engineNote(_ unit: String) -> String? {
        guard engineUnits.contains(unit) else { return nil }
        return
            "\(unit) is a container engine's unit: every container's shim stays in it (containerd-shim, one a pod or a container, of about ten threads each), and runc while it creates a container or runs an exec, so its count grows with the containers on the machine, not with a leak. The engine's own unit file ships `TasksMax=infinity` (containerd's containerd.service, docker's docker.service, k3s's install script), which is the fix; the containers are limited in their own cgroups (kubelet's `podPidsLimit`, `--pids-limit`)."
    }
}
