import Foundation

/// `--since` and `--pid`. Applied to events rather than lines, so a tally is
/// matched with its failure even when one of them falls outside the window.
public struct EventFilter: Sendable {
    var since: Date?
    var pid: Int?

    public init(since: Date? = nil, pid: Int? = nil) {
        self.since = since
        self.pid = pid
    }

    func includes(_ event: FailureEvent) -> Bool {
        if let pid, event.pid != pid { return false }
        if let since {
            // An event without a readable time cannot be placed: keep it out of a window.
            guard let last = event.lastDate ?? event.date, last >= since else { return false }
        }
        return true
    }
}
