/// Programs that lower their own RLIMIT_NPROC after they start, from their
/// own configuration: the limit in /proc/PID/limits is then theirs, not the
/// shell's or the unit's, and raising `ulimit -u` does nothing
/// (docs/kernel-facts.md §11.19).
struct SelfSetNPROC: Sendable {
    var comm: String
    /// Where the program takes the value from.
    var setting: String
    /// The value its shipped configuration gave.
    var shippedLimit: Int64
    var fix: String

    static let known = [
        SelfSetNPROC(
            comm: "avahi-daemon",
            setting: "`rlimit-nproc=3` in /etc/avahi/avahi-daemon.conf, applied before it drops root to user avahi",
            shippedLimit: 3,
            fix:
                "avahi-daemon sets this limit itself: comment out `rlimit-nproc` in /etc/avahi/avahi-daemon.conf (avahi's own config leaves it commented out since avahi#97) and `systemctl restart avahi-daemon`. Every avahi-daemon running as the same host uid (on the host and in containers without a user namespace) shares its 3."
        )
    ]

    static func program(_ context: FailureContext) -> SelfSetNPROC? {
        guard let comm = context.record.process?.comm else { return nil }
        return known.first { $0.comm == comm }
    }
}
