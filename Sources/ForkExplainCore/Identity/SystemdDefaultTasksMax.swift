/// Whether a systemd unit's or user slice's pids.max is one of systemd's
/// shipped defaults rather than a value someone chose (docs/kernel-facts.md
/// §11.7): then every unit (or every user) has the same limit, and the
/// lasting fix is the default, not this one unit.
enum SystemdDefaultTasksMax {
    struct Match {
        var evidence: String
        var advice: String
    }

    /// systemd's system_tasks_max(): the least of threads-max, pid_max − 1
    /// and the pids.max of the cgroup root systemd sees. On a host that
    /// root has no pids.max; in a container with a cgroup namespace it is
    /// the container's own cgroup, so a guest's systemd takes its
    /// percentages of the container's limit (systemd pull 3753;
    /// docs/kernel-facts.md §11.105).
    static func systemTasks(pidMax: Int64?, threadsMax: Int64?, rootPidsMax: Int64? = nil) -> Int64? {
        [pidMax.map { $0 - 1 }, threadsMax, rootPidsMax].compactMap { $0 }.filter { $0 > 0 }.min()
    }

    /// `rootPidsMax`: the pids.max of the container's own cgroup when the
    /// unit is a guest systemd's, inside a container's cgroup namespace.
    static func match(path: String, limit: Int64, pidMax: Int64?, threadsMax: Int64?, rootPidsMax: Int64? = nil)
        -> Match?
    {
        guard let unit = path.split(separator: "/").last.map(String.init) else { return nil }
        let userSlice = unit.hasPrefix("user-") && unit.hasSuffix(".slice")
        // A Nomad task's `<allocID>.<task>.scope` is the Nomad client's
        // mkdir, not a unit: systemd's defaults never reach it (§11.156).
        let unitKind = (unit.hasSuffix(".service") || unit.hasSuffix(".scope")) && NomadTask.task(unit) == nil
        guard userSlice || unitKind else { return nil }
        let tasks = systemTasks(pidMax: pidMax, threadsMax: threadsMax, rootPidsMax: rootPidsMax)
        func isShare(_ percent: Int64) -> Bool { Self.isShare(percent, of: tasks, limit: limit) }
        // The container's limit is the base only when it is the least.
        let container = rootPidsMax.flatMap { root in tasks == root ? root : nil }
        let base =
            container.map {
                "min(threads-max, pid_max − 1, the pids.max of the cgroup root it sees, which in this container is the container's own cgroup: \($0)) = \($0)"
            } ?? tasks.map { "min(threads-max, pid_max − 1) = \($0)" } ?? ""
        if unitKind, let container, isShare(15) {
            return Match(
                evidence:
                    "pids.max \(limit) on \(unit) is the guest systemd's DefaultTasksMax=15 % (systemd ≥ 231) of \(base): every unit of this container without its own TasksMax= gets the same \(limit), however far the container itself is from its \(container)",
                advice:
                    "The container's own limit sets this one: raise it (incus/LXD `limits.processes`, `lxc.cgroup2.pids.max`, docker/podman `--pids-limit`) and every unit's default follows at 15 % once the guest's systemd re-reads it (`systemctl daemon-reexec` or a restart of the container); or, in the guest, `DefaultTasksMax=` in /etc/systemd/system.conf (a larger percentage, or `infinity`: the container's \(container) still caps the whole), then `systemctl daemon-reexec`."
            )
        }
        if unitKind, limit == 512, let uid = userManager(unit) {
            // systemd 228 gave the user's manager the default like any
            // unit; 229 ships it with TasksMax=infinity (§11.168).
            return Match(
                evidence:
                    "pids.max 512 on \(unit) is systemd 228's DefaultTasksMax=512 on the user's own service manager: user@.service had no TasksMax= of its own until systemd 229 (systemd/systemd#1955), so every user unit and whatever it starts (a terminal started over D-Bus, and every shell and build in it) shares 512, below user-\(uid).slice's own limit",
                advice:
                    "For every user: a drop-in for the template, `systemctl edit user@.service` with `[Service]` `TasksMax=infinity` (what systemd ≥ 229 ships), then `systemctl daemon-reload` and log in again; user-\(uid).slice (logind's `UserTasksMax=`) still caps each user."
            )
        }
        if unitKind, limit == 512 {
            return Match(
                evidence:
                    "pids.max 512 on \(unit) is systemd 228–230's DefaultTasksMax=512 (Ubuntu 16.04's systemd 229), or a DefaultTasksMax=512 in /etc/systemd/system.conf: every unit without its own TasksMax= has the same 512",
                advice:
                    "For every unit at once: `DefaultTasksMax=` in /etc/systemd/system.conf (a percentage such as `15%`, or `infinity`), then `systemctl daemon-reexec`; systemd ≥ 231 defaults to 15 %."
            )
        }
        if unitKind, isShare(15) {
            return Match(
                evidence:
                    "pids.max \(limit) on \(unit) is systemd's DefaultTasksMax=15 % (systemd ≥ 231) of \(base): the default every unit without its own TasksMax= gets, not a value set for this one",
                advice:
                    "For every unit at once: `DefaultTasksMax=` in /etc/systemd/system.conf (a larger percentage, or `infinity`), then `systemctl daemon-reexec`; or raise \(smaller(pidMax: pidMax, threadsMax: threadsMax)), which the 15 % follows here."
            )
        }
        if userSlice, limit == 12288 {
            return Match(
                evidence:
                    "pids.max 12288 on \(unit) is logind's UserTasksMax=12288, the default of systemd 228–230: every user's slice has it",
                advice:
                    "For every user: `UserTasksMax=` in /etc/systemd/logind.conf (systemd < 239), then restart systemd-logind."
            )
        }
        if userSlice, isShare(33) {
            return Match(
                evidence:
                    "pids.max \(limit) on \(unit) is systemd's default 33 % (logind UserTasksMax=33 % in 231–238, user-.slice.d/10-defaults.conf TasksMax=33% since 239) of \(base): every user's slice has it",
                advice:
                    "For every user: a drop-in for `user-.slice` with `[Slice]` `TasksMax=` (systemd ≥ 239), or `UserTasksMax=` in /etc/systemd/logind.conf (231–238)."
            )
        }
        return nil
    }

    /// The uid of a user's service manager unit, `user@UID.service`.
    private static func userManager(_ unit: String) -> Int? {
        guard unit.hasPrefix("user@"), unit.hasSuffix(".service") else { return nil }
        return Int(unit.dropFirst(5).dropLast(8))
    }

    /// Which of the two the share was taken of: threads-max on a machine
    /// whose RAM gives fewer threads than pid_max (§11.7, §11.30), raising
    /// pid_max there changes nothing (docs/kernel-facts.md §11.67).
    private static func smaller(pidMax: Int64?, threadsMax: Int64?) -> String {
        if let threadsMax, let pidMax, threadsMax < pidMax - 1 {
            return "kernel.threads-max (\(threadsMax), below pid_max − 1 = \(pidMax - 1))"
        }
        return "kernel.pid_max"
    }

    /// system_tasks_max_scale() rounds down; allow one either way for a
    /// threads-max or pid_max changed since systemd computed it.
    private static func isShare(_ percent: Int64, of tasks: Int64?, limit: Int64) -> Bool {
        guard let tasks else { return false }
        return abs(tasks * percent / 100 - limit) <= 1
    }

    /// The transient scope a runtime's systemd cgroup driver makes for a
    /// container (runc's `<prefix>-<ID>.scope`: docker, cri-containerd,
    /// crio, libpod; docs/kernel-facts.md §11.147).
    static func isRuntimeScope(_ path: String) -> Bool {
        guard let unit = path.split(separator: "/").last, unit.hasSuffix(".scope") else { return false }
        return ["docker-", "cri-containerd-", "crio-", "libpod-"].contains { unit.hasPrefix($0) }
    }

    /// A container's own level at DefaultTasksMax=15 %: its runtime's
    /// systemd cgroup driver made it a scope and gave no TasksMax=, so
    /// systemd's default for every unit applies; docker's `--pids-limit -1`
    /// and `0` give none either (docs/kernel-facts.md §11.14).
    static func containerScope(limit: Int64, pidMax: Int64?, threadsMax: Int64?, identity: ContainerIdentity)
        -> Match?
    {
        guard let tasks = systemTasks(pidMax: pidMax, threadsMax: threadsMax), isShare(15, of: tasks, limit: limit)
        else { return nil }
        let evidence =
            "pids.max \(limit) is 15 % of min(threads-max, pid_max − 1) = \(tasks): systemd's DefaultTasksMax, which a container gets when its runtime uses the systemd cgroup driver (the container is a transient .scope) and gives it no pids limit; nobody set \(limit) for this container"
        let hostDefault =
            "`DefaultTasksMax=` in the host's /etc/systemd/system.conf (a larger percentage, or `infinity`; then `systemctl daemon-reexec`) raises it for containers started afterwards"
        if identity.isKubernetes {
            return Match(
                evidence: evidence,
                advice:
                    "kubelet's podPidsLimit is the pod's level above and does not change this one, and a pod's spec gives a container no pids limit of its own: \(hostDefault) on the node, as the lasting fix (on an image whose /etc is not yours to edit, such as Bottlerocket, through its bootstrap container); `systemctl set-property` on this scope lasts only until the container is recreated in a new one (docs/kernel-facts.md §11.218)."
            )
        }
        guard identity.runtime == .docker else {
            return Match(
                evidence: evidence,
                advice:
                    "Give the container's runtime a number for its pids limit (a -1 or 0 that means \"no limit\" may leave systemd's default in place), or \(hostDefault); kubelet's podPidsLimit is the pod's level above and does not change this one."
            )
        }
        return Match(
            evidence: evidence,
            advice:
                "Under the systemd cgroup driver `--pids-limit -1` and `--pids-limit 0` leave this default in place (they pass no limit, and systemd fills in its own): give a number, as above; or run dockerd with the cgroupfs driver (`\"exec-opts\": [\"native.cgroupdriver=cgroupfs\"]` in /etc/docker/daemon.json), under which no limit means max; or \(hostDefault)."
        )
    }
}
