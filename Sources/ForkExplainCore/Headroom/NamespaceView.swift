extension LogRecord {
    /// For `check --pid` of a process in another PID namespace: whether the
    /// collector read that namespace's own `pid_max` (it knew the namespace
    /// and entered it, CShim/common/check.c) and counted its tasks. Without
    /// both, the headroom would be this namespace's, not the target's.
    public var carriesNamespacePIDSpace: Bool {
        guard let pid, pid.pidNs != nil, pid.pidMax != nil else { return false }
        return !pid.isNested || pid.nsTasks != nil
    }
}
