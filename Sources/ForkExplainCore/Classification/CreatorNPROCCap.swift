/// An RLIMIT_NPROC that reads "unlimited" inside a user namespace does not
/// rule the per-uid count out: since 5.14 the host uid's tasks are also
/// checked against the limit the namespace's creator had (a rootless
/// runtime's daemon), which no file inside shows (docs/kernel-facts.md §6.4).
/// Too little to be a verdict; `unexplained` names it as a place to look.
enum CreatorNPROCCap {
    static func lines(for context: FailureContext) -> (evidence: String, advice: String)? {
        let identity = context.identity
        guard identity.userNamespace == true, context.errnoIs("EAGAIN"),
            context.rlimitNPROCPerUserNamespace != false, context.limits.nproc?.soft?.number == nil
        else { return nil }
        let uid = context.record.process?.uid.map(String.init) ?? "?"
        let host = identity.hostUid.map(String.init) ?? "UID"
        let evidence =
            "RLIMIT_NPROC reads unlimited here, but uid \(uid) runs in a user namespace (host uid \(host)): since 5.14 every task of host uid \(host) is also counted against the RLIMIT_NPROC its namespace's creator had (a rootless runtime's daemon, often its login's `ulimit -u`), which /proc/PID/limits inside does not show (docs/kernel-facts.md §6.4)"
        let advice =
            "On the host, compare the creator's limit with host uid \(host)'s tasks: `grep 'Max processes' /proc/$(pgrep -u \(host) -o -f 'rootlesskit|conmon|podman')/limits; ps -L -u \(host) --no-headers | wc -l`; and the container's pids limit there (`docker inspect -f '{{.HostConfig.PidsLimit}}' CONTAINER`, or pids.max of its cgroup)."
        return (evidence, advice)
    }
}
