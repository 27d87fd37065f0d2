/// HashiCorp Nomad's task cgroups (docs/kernel-facts.md §11.156). The
/// Nomad client makes one cgroup per task, named `<allocID>.<task>`: on
/// cgroup v2 `<allocID>.<task>.scope` below its cgroup parent `nomad.slice`
/// (the client's `cgroup_parent`), in the partition `share.slice` or
/// `reserve.slice` since Nomad 1.7 and directly below the parent in 1.3 to
/// 1.6; on v1 `/nomad/<allocID>.<task>`. It makes them with mkdir, not
/// through systemd, and writes no pids.max: the exec, raw_exec and java
/// drivers have no pids setting. The docker driver's containers live in
/// docker's own cgroups, their limit the task's `pids_limit` (§11.145).
enum NomadTask {
    struct Task: Sendable, Hashable {
        var alloc: String
        /// Nil when only the allocation is named (its /etc/hosts).
        var name: String?

        /// `Nomad task "web" (allocation 5c0e…)`, or `Nomad allocation 5c0e…`.
        var label: String { name.map { "Nomad task \"\($0)\" (allocation \(alloc))" } ?? "Nomad allocation \(alloc)" }
    }

    /// The task a cgroup path component names: `<allocID>.<task>.scope`
    /// (v2) or `<allocID>.<task>` (v1). An allocation id is a UUID, so the
    /// name is Nomad's under any parent (a `cgroup_parent` of one's own too).
    static func task(_ part: String) -> Task? {
        let body = part.hasSuffix(".scope") ? part.dropLast(".scope".count) : Substring(part)
        let alloc = body.prefix(36)
        let rest = body.dropFirst(36)
        guard rest.count > 1, rest.first == ".", isAllocId(alloc) else { return nil }
        return Task(alloc: String(alloc), name: String(rest.dropFirst()))
    }

    /// The task a bind mount's root names: the docker driver (and every
    /// driver with group networking) binds the allocation's
    /// `<alloc_dir>/<allocID>/hosts` over /etc/hosts, and with a task `dns`
    /// block `<alloc_dir>/<allocID>/<task>/resolv.conf` over
    /// /etc/resolv.conf (drivers/shared/hostnames, resolvconf). In every
    /// container it starts, the docker driver binds the allocation's shared
    /// `<alloc_dir>/<allocID>/alloc` over /alloc and the task's
    /// `<alloc_dir>/<allocID>/<task>/local` over /local (drivers/docker
    /// `containerBinds()`; docs/kernel-facts.md §11.185). At /alloc and
    /// /local, Nomad's own mount points, the root names the allocation
    /// whatever the client's `alloc_dir` is called (§11.202); at /etc/hosts
    /// and /etc/resolv.conf, where a UUID directory can be another's (a
    /// pod's uid), the default name `alloc` above it is asked for.
    static func task(bindRoot parts: [String], point: String? = nil) -> Task? {
        guard let index = parts.lastIndex(where: { isAllocId($0) }) else { return nil }
        let alloc = parts[index]
        let rest = parts[(index + 1)...]
        switch point {
        case "/alloc":
            return rest == ["alloc"] ? Task(alloc: alloc, name: nil) : nil
        case "/local":
            // A pod's volume of that name lies below kubelet's pods/<uid>/volumes.
            guard rest.count == 2, rest.last == "local", !parts.contains("kubelet") else { return nil }
            return rest.first.map { Task(alloc: alloc, name: $0) }
        default:
            guard index > 0, parts[index - 1] == "alloc" else { return nil }
            if rest == ["hosts"] || rest == ["alloc"] { return Task(alloc: alloc, name: nil) }
            if rest.count == 2, rest.last == "resolv.conf" || rest.last == "local", let name = rest.first {
                return Task(alloc: alloc, name: name)
            }
            return nil
        }
    }

    /// The fix for a docker container Nomad started: the job's setting,
    /// capped by the client's plugin setting (drivers/docker/driver.go
    /// `createContainerConfig()`).
    static func dockerAdvice(_ task: Task, n: String, id: String) -> String {
        "Nomad started this container with its docker driver (\(task.label)): the container's limit is the job's `pids_limit = \(n)` in the task's `config` block, or, when the task sets none, the client's `pids_limit` in `plugin \"docker\" { config { ... } }`, which also caps the task's (a larger one fails with \"pids_limit cannot be greater than nomad plugin config pids_limit\"); `nomad job run` replaces the allocation with it. `docker update --pids-limit \(n) \(id)` on the client lasts until then."
    }

    /// The fix for a podman container Nomad's podman driver started: on
    /// cgroup v2 with systemd it puts the container's scope right below
    /// nomad.slice and sets a pids limit only from the task's `pids_limit`
    /// (hashicorp/nomad-driver-podman driver.go).
    static func podmanAdvice(n: String, id: String) -> String {
        "Nomad's podman driver started this container (its scope is right below Nomad's nomad.slice): its limit is the job's `pids_limit = \(n)` in the task's `config` block, which the driver passes to podman, and `nomad job run` replaces the allocation with it; `podman update --pids-limit \(n) \(id)` on the client lasts until then."
    }

    /// Nomad's allocation ids: a UUID, 8-4-4-4-12 lowercase hex digits.
    static func isAllocId<S: StringProtocol>(_ text: S) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12]
            && groups.allSatisfy { $0.allSatisfy { $0.isHexDigit && !$0.isUppercase } }
    }

    /// Nomad's own levels above its tasks: the default cgroup parent
    /// (`nomad.slice` on v2, `nomad` on v1) and, on v2, its partitions.
    static func parentLevel(_ part: String, parent: String?) -> String? {
        if part == "nomad.slice" || part == "nomad" { return part }
        if parent == "nomad.slice", part == "share.slice" || part == "reserve.slice" { return part }
        return nil
    }

    /// The fix for a full task level: Nomad did not write it.
    static func taskAdvice(_ task: Task) -> String {
        "This is the cgroup the Nomad client made for \(task.label): Nomad writes no pids limit into a task's cgroup (the exec, raw_exec and java drivers have no pids setting), so a pids.max here was written by something else on the client (a script, a prestart hook, an operator), and the task's next allocation gets a new cgroup without it. Find what writes it (`nomad alloc status \(task.alloc)` names the job); a docker task's own limit is `pids_limit` in its `config` block instead."
    }

    /// The fix for a full Nomad parent level: every task on the client
    /// counts in it, and Nomad wrote no limit there either.
    static func parentAdvice(_ level: String) -> String {
        let what =
            level == "nomad.slice" || level == "nomad"
            ? "the Nomad client's cgroup parent \(level) (client `cgroup_parent`; nomad.slice on cgroup v2, /nomad on v1), where every task of the client's exec, raw_exec and java drivers counts"
            : "Nomad's partition \(level) below nomad.slice (\(level == "reserve.slice" ? "tasks with reserved `resources.cores`" : "tasks sharing the client's cores")), where those tasks count"
        return
            "This is \(what): the client makes it with mkdir, not as a systemd unit, and writes no pids limit into it, so one here was set on the host by hand or by a tool; raise it, or set `max`, where it is written (a systemd slice unit of that name, if one was made: `systemctl status \(level)`)."
    }
}
