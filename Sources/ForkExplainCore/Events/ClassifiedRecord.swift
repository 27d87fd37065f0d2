extension LogRecord {
    /// The record less the sections only the classifier reads (limits,
    /// cgroups, memory, container, beancounters, the PID scan, the
    /// backtrace and the lists of what was unreadable or absent): what
    /// grouping, merging twins, filtering and the JSON report still read
    /// of an event once its verdict and identity are made
    /// (`FailureEvent.compactForJSON`).
    var classified: LogRecord {
        var kept = self
        kept.snapshot = nil
        kept.top = nil
        kept.backtrace = nil
        return kept
    }
}

extension LogRecord {
    /// What the text and Markdown reports still read of an event once its
    /// verdict and identity are made: the classified record and what they
    /// show of an incident's latest event, its PID holders (`top`) and its
    /// backtrace (`FailureEvent.compactForText`). `arch`, `pid` and
    /// `process`, which the holders' and the backtrace's titles and the
    /// thread line read, are in the classified record already.
    var shown: LogRecord {
        var kept = classified
        kept.top = top
        kept.backtrace = backtrace
        return kept
    }
}
