import Foundation

/// `--since`, `--pid` and `--filter`. Applied to events rather than lines, so a tally is
/// matched with its failure even when one of them falls outside the window.
public struct EventFilter: Sendable {
    var since: Date?
    var pid: Int?
    /// Every one must match.
    var selectors: [RecordSelector]

    public init(since: Date? = nil, pid: Int? = nil, selectors: [RecordSelector] = []) {
        self.since = since
        self.pid = pid
        self.selectors = selectors
    }

    func includes(_ event: FailureEvent) -> Bool {
        if let pid, event.pid != pid { return false }
        if !selectors.allSatisfy({ $0.matches(event) }) { return false }
        if let since {
            // An event without a readable time cannot be placed: keep it out of a window.
            guard let last = event.lastDate ?? event.date, last >= since else { return false }
        }
        return true
    }
}
