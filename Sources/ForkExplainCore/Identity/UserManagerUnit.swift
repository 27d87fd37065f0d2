/// A unit of a user's own service manager: `systemd --user` runs as
/// user@UID.service and puts its units in cgroups below it. PID 1's
/// `systemctl` does not know them, and a unit there that sets no
/// `TasksMax=` gets the user manager's `DefaultTasksMax=` (user.conf), not
/// system.conf's (docs/kernel-facts.md §11.60).
struct UserManagerUnit: Equatable {
    let uid: Int64
    let unit: String

    /// The unit whose cgroup `path` is, when it lies below a user@UID.service.
    static func parse(_ path: String) -> UserManagerUnit? {
        let parts = path.split(separator: "/").map(String.init)
        guard let manager = parts.lastIndex(where: { uidOfManager($0) != nil }), manager < parts.count - 1,
            let uid = uidOfManager(parts[manager])
        else { return nil }
        // The level is a unit (slices nest: app.slice/app-foo.scope) or a
        // cgroup a unit made below itself (delegated): the nearest unit.
        let units = parts[(manager + 1)...].filter {
            $0.hasSuffix(".service") || $0.hasSuffix(".scope") || $0.hasSuffix(".slice")
        }
        guard let unit = units.last else { return nil }
        return UserManagerUnit(uid: uid, unit: unit)
    }

    /// "user@1000.service" → 1000.
    private static func uidOfManager(_ name: String) -> Int64? {
        guard name.hasPrefix("user@"), name.hasSuffix(".service") else { return nil }
        return Int64(name.dropFirst("user@".count).dropLast(".service".count))
    }

    /// The fix, for a level `place` says where ("" on the host, " inside the
    /// container" when the process sees its container's tree).
    func advice(n: String, place: String) -> [String] {
        [
            "\(unit) is a unit of uid \(uid)'s own service manager (`systemd --user`, running as user@\(uid).service), not of PID 1: as uid \(uid)\(place), `systemctl --user set-property \(unit) TasksMax=\(n)` (or `TasksMax=` in `systemctl --user edit \(unit)`); plain `systemctl` talks to PID 1, which does not know this unit.",
            "A user unit without `TasksMax=` gets the user manager's `DefaultTasksMax=` (15 % since systemd 231, of the least of kernel.threads-max, kernel.pid_max − 1 and the pids.max of the cgroup root it sees: in a container, the container's): for every user unit, `DefaultTasksMax=` under `[Manager]` in /etc/systemd/user.conf, then `systemctl --user daemon-reexec` (or log in again).",
        ]
    }
}
