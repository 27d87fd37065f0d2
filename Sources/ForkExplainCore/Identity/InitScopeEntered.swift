/// init.scope inside a container: the cgroup of the container's PID 1, its
/// systemd, and where a shell entered with `podman exec` (what `distrobox
/// enter` and `toolbox enter` run) lands; as a scope without TasksMax= of its
/// own it has the guest systemd's DefaultTasksMax, shared by systemd and
/// everything entered that way (docs/kernel-facts.md §11.214).
enum InitScopeEntered {
    struct Finding {
        var evidence: String
        var advice: String
    }

    static func finding(path: String, limit: Int64) -> Finding? {
        guard SystemdUnit.last(of: path) == "init.scope" else { return nil }
        return Finding(
            evidence:
                "\(path) is the cgroup of the container's PID 1 (its systemd): a shell entered with `podman exec` or `docker exec` (`distrobox enter`, `toolbox enter`) runs there beside systemd, not in a unit of its own, so it and everything it starts share init.scope's \(limit) with systemd itself",
            advice:
                "For a shell entered with `podman exec` (`distrobox enter`): the lasting fix is the container's own limit, which the guest's systemd takes 15 % of for init.scope (with distrobox, `distrobox create --additional-flags \"--pids-limit=-1\"` when the container is made, or `podman update --pids-limit N NAME` and a restart of the container); or run the work in a scope of its own, as root inside the container: `systemd-run --scope -p TasksMax=infinity -- COMMAND` (the container's own limit still caps the whole)."
        )
    }
}
