/// A process that runs as a systemd service starts with the RLIMIT_NPROC
/// its manager gives it: the unit's `LimitNPROC=`, else `DefaultLimitNPROC=`
/// (systemd.exec(5)). Packages ship small ones (openvpn@.service's
/// `LimitNPROC=10`, vaultwarden's 64), and inside a container whose root is
/// not exempt, or for a daemon whose own threads outgrow it, that value is
/// the one that bound (docs/kernel-facts.md §11.63, §11.64). The manager is
/// the container's own systemd when the unit runs inside one: the drop-in
/// goes there, not into the runtime's config.
enum UnitLimitNPROC {
    /// The drop-in for the unit the process runs as; nil outside a service
    /// unit, or where the program sets the limit itself (§11.19: the unit's
    /// value is not the one in force there).
    static func advice(_ context: FailureContext, soft: Int64, raiseTo: Int64) -> String? {
        let identity = context.identity
        guard SelfSetNPROC.program(context) == nil, let unit = identity.systemdUnit, unit.hasSuffix(".service")
        else { return nil }
        let place = identity.isContainerView || identity.manager != nil ? " inside the container" : ""
        if let path = identity.cgroupPath, let user = UserManagerUnit.parse(path), user.unit == unit {
            return
                "It runs as \(unit), a unit of uid \(user.uid)'s own service manager, which gave it RLIMIT_NPROC \(soft) from the unit's `LimitNPROC=` (or the manager's `DefaultLimitNPROC=`): as uid \(user.uid)\(place), `systemctl --user edit \(unit)`, add `[Service]` `LimitNPROC=\(raiseTo)` (or `infinity`), then `systemctl --user restart \(unit)`."
        }
        return
            "It runs as \(unit), whose service manager gave it RLIMIT_NPROC \(soft) from the unit's `LimitNPROC=` (or `DefaultLimitNPROC=` in system.conf); `systemctl show -p LimitNPROC \(unit)`\(place) says which. Raise it there: `systemctl edit \(unit)`, add `[Service]` `LimitNPROC=\(raiseTo)` (or `infinity`, and bound the unit with `TasksMax=`, which counts only its own tasks), then `systemctl restart \(unit)`."
    }
}
