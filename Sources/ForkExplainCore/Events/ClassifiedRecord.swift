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

extension LogRecord {
    /// What the JSON report still reads of an event once its text is made
    /// (`FailureEvent.compactForJSON`): the classified record, less a shim
    /// event's PID section, the executable's path and the platform
    /// (kernel, C library, instruction set). Merging reads a
    /// watch event's `nspid` (its shim twin may name the pid its namespace
    /// sees, `SourceMerger`), never a shim event's; grouping, filtering and
    /// the incidents read neither, and the text already holds what the
    /// report writes of them. The path, on the heap for each event, and
    /// the sections inline were some 300 bytes of each event a log of many
    /// processes holds (docs/performance.md, "Held events: a JSON event's
    /// record narrowed").
    var heldForJSON: LogRecord {
        var kept = classified
        if !kept.isFromWatch { kept.pid = nil }
        kept.process?.exe = nil
        kept.dropPlatform()
        return kept
    }
}
