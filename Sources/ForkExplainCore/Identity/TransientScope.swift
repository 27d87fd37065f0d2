/// A scope someone else makes for one run, one login or one container:
/// its name (`run-u12.scope`, `session-5.scope`, `docker-ID.scope`) is
/// never used again, so a drop-in written for it under /etc/systemd
/// (`systemctl edit`) outlives it and binds no later one. systemd writes a
/// transient unit's set-property drop-in into /run/systemd/transient
/// whatever `--runtime` says (src/core/unit.c `unit_drop_in_dir`), so it
/// lasts as long as the scope; what lasts beyond it is what starts the
/// next one (docs/kernel-facts.md §11.223).
enum TransientScope {
    /// What makes the next scope of each kind, and where its limit is set.
    private static let makers: [(prefix: String, next: String)] = [
        (
            "run-",
            "the next `systemd-run --scope` gets a new scope: give it `-p TasksMax=N` there"
        ),
        (
            "session-",
            "the next login gets a new session scope, at systemd's `DefaultTasksMax=` (/etc/systemd/system.conf) unless something sets its own; the user's slice (user-UID.slice, logind's `UserTasksMax=`) caps all of that user's sessions"
        ),
        (
            "docker-",
            "the next container gets a new scope: what persists is the runtime's own limit, `--pids-limit N` (`docker run`, `docker update`, compose's `pids_limit`)"
        ),
        (
            "libpod-",
            "the next container gets a new scope: what persists is the runtime's own limit, `--pids-limit N` (`podman run`, `podman update`)"
        ),
        (
            "cri-containerd-",
            "the next container gets a new scope: what persists is the pod's limit, kubelet's `podPidsLimit`"
        ),
        (
            "crio-",
            "the next container gets a new scope: what persists is the pod's limit, kubelet's `podPidsLimit` (or CRI-O's `pids_limit`)"
        ),
    ]

    static func tasksMaxFix(_ unit: String, n: String) -> String? {
        guard unit.hasSuffix(".scope"), let maker = makers.first(where: { unit.hasPrefix($0.prefix) }) else {
            return nil
        }
        let quoted = ShellWord.quoted(unit)
        return
            "`systemctl set-property --runtime \(quoted) TasksMax=\(n)` raises it at once for this scope (a transient unit's drop-in goes under /run/systemd/transient and ends with it). Not `systemctl edit \(quoted)`: \(unit) is transient, made for one run, and its name is not used again, so a drop-in under /etc/systemd/system binds no later scope; \(maker.next). See that it took: `systemctl show -p TasksMax \(quoted)`."
    }
}
