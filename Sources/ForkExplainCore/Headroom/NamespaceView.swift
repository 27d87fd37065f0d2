extension LogRecord {
    /// For `check --pid` of a process in another PID namespace: whether the
    /// collector read that namespace's own `pid_max` (it knew the namespace
    /// and entered it, CShim/common/check.c) and counted its tasks. Without
    /// both, the headroom would be this namespace's, not the target's.
    public var carriesNamespacePIDSpace: Bool {
        guard let pid, pid.pidNs != nil, pid.pidMax != nil else { return false }
        return !pid.isNested || pid.nsTasks != nil
    }

    /// For `check --pid` from the host of a process in a nested PID
    /// namespace: the host's kernel.pid_max, which binds it as well as its
    /// namespace's own (docs/kernel-facts.md §6.19), read by the checker.
    public mutating func noteHostPIDMax(_ value: Int64) {
        guard pid?.isNested == true else { return }
        pid?.hostPidMax = value
    }
}
