/// What a streamed report holds of each event until it is final, made
/// where the event is classified, on every core (`ReportBuilder.stream`).
/// A log of many processes holds an event for each (`EventBuilder`), so
/// what one holds is what such a report's memory grows with
/// (docs/performance.md, "Held events").
public enum HeldForm: Sendable {
    /// The whole record: for `build`, whose events are kept and read.
    case whole
    /// For `TextRenderer`: what it shows (`FailureEvent.compactForText`).
    case text
    /// For `MarkdownRenderer`: that, and the record's backtick strings.
    case markdown
    /// For `JSONReportWriter`: each event's text made here
    /// (`FailureEvent.compactForJSON`).
    case json

    /// Text and Markdown show incidents, not an event's own count: their
    /// events can be counted as they come (`CountedEvent`).
    var showsIncidentsOnly: Bool {
        switch self {
        case .text, .markdown: true
        case .whole, .json: false
        }
    }

    /// What an incident keeps of its processes for the report
    /// (`Incident.Lists`): JSON lists pids, text and Markdown name the
    /// first few processes and count them.
    var lists: Incident.Lists {
        switch self {
        case .whole: .all
        case .text, .markdown: []
        case .json: .pids
        }
    }

    func compact(_ event: FailureEvent) -> FailureEvent {
        switch self {
        case .whole: event
        case .text: event.compactForText(quoting: false)
        case .markdown: event.compactForText(quoting: true)
        case .json: event.compactForJSON()
        }
    }
}
