extension EventBuilder {
    /// The record the reading thread is handed beside its classified event
    /// (`LogReader.read`'s `slim`): `add` reads of it only what the event's
    /// key and time are made of, which `LogRecord.classified` keeps. So the
    /// sections only the classifier reads are let go of on the decoding
    /// threads; a record with no event (a tally) stays whole, as `add`
    /// makes its event of it.
    static let slim: @Sendable (LogRecord, FailureEvent?) -> LogRecord = { record, event in
        event == nil ? record : record.classified
    }
}
