extension LogRecord {
    /// The record less the sections only the classifier reads (limits,
    /// cgroups, memory, container, beancounters, the PID scan, the
    /// backtrace and the lists of what was unreadable or absent): what
    /// grouping, merging twins, filtering and the JSON report still read
    /// of an event once its verdict and identity are made
    /// (`FailureEvent.compactForJSON`).
    var classified: LogRecord {
        var kept = self
        kept.limits = nil
        kept.cgroups = nil
        kept.memory = nil
        kept.top = nil
        kept.container = nil
        kept.beancounters = nil
        kept.backtrace = nil
        kept.unreadable = nil
        kept.absent = nil
        return kept
    }
}
