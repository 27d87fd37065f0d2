extension LogRecord {
    /// The record with the PID namespace's own `pid_max`, read from inside
    /// the target's namespace by `check --pid`; nil when the record has no
    /// count of that namespace's tasks to compare it with.
    public func withNamespacePIDMax(_ pidMax: Int64) -> LogRecord? {
        guard var pid, pid.isNested, pid.nsTasks != nil else { return nil }
        pid.pidMax = pidMax
        var record = self
        record.pid = pid
        return record
    }
}
