import Foundation

/// Groups events into incidents as they come, ordered by when each began.
/// Events may come out of log order (`EventBuilder` hands each on when it
/// is final): each carries its place in the log, which settles ties.
struct IncidentGrouper: Sendable {
    /// docs/kernel-facts.md §6.8: HotSpot (JDK 18+, 17u/11u updates since
    /// mid-2022) retries a failed pthread_create 3 times before it throws
    /// OutOfMemoryError, at once (within 7 ms where it backs off).
    /// A retry whose snapshot no longer showed the limit (a task exited in
    /// between) is the same failure: it joins the attempt before it.
    static let retryWindow: TimeInterval = 1

    private var incidents: [Incident.Key: Incident] = [:]
    /// What each incident keeps of its processes (`Incident.Lists`).
    let lists: Incident.Lists
    /// One process's attempts at one call and errno: the key a tally joins
    /// by. Its events come in log order (a process's next event is final
    /// only after the one before it).
    /// Held for each process a retry can join, to the end: keyed by its pid
    /// and the place of the rest of its key in `names`, its incident by
    /// place in `keys`, not a copy of each (docs/performance.md, "Held
    /// events: counted at once, spooled").
    private var lastAttempt = CompactTable<AttemptKey, (key: Int32, date: Date)>(spillFrom: SpillRuns.memoryBound)
    private var names = Interned<EventBuilder.TallyKey>()
    private var keys = Interned<Incident.Key>()
    /// The attempts a retry may still join, for tests of what is held.
    var attemptsHeld: Int { lastAttempt.count }

    init(lists: Incident.Lists = .all) {
        self.lists = lists
    }

    /// The incident `event` joins, or opens.
    @discardableResult
    mutating func add(_ event: FailureEvent, sequence: Int) -> Incident.Key {
        var key = Incident.Key(host: event.host, verdict: event.verdict.id, binding: event.verdict.bindingLimit.key)
        let attempt = attemptKey(event)
        if event.verdict.id == .unexplained, let date = event.date, let previous = lastAttempt[attempt],
            keys[previous.key].verdict != .unexplained, date.timeIntervalSince(previous.date) <= Self.retryWindow,
            date >= previous.date
        {
            key = keys[previous.key]
        }
        if let date = event.lastDate ?? event.date {
            // An unexplained attempt is joined by no retry: not held, so
            // that a log of many processes failing without a cause does not
            // keep one for each to the end (docs/performance.md, "Held events").
            lastAttempt[attempt] = key.verdict == .unexplained ? nil : (keys.index(key), date)
        }
        // Absorbed in place (nil when there is no such incident yet): a copy
        // taken out and put back costs a retain and a release of every list
        // the incident holds, for every event.
        if incidents[key]?.absorb(event, sequence: sequence) == nil {
            incidents[key] = Incident(key: key, event: event, sequence: sequence, lists: lists)
        }
        return key
    }

    private typealias AttemptKey = PidKey

    /// An incident's key by place, the places `lastAttempt` names them by:
    /// for what keeps one for each process (`CountedEvent`).
    mutating func place(of key: Incident.Key) -> Int32 { keys.index(key) }
    func key(at place: Int32) -> Incident.Key { keys[place] }

    private mutating func attemptKey(_ event: FailureEvent) -> AttemptKey {
        attemptKey(EventBuilder.TallyKey(event.record))
    }

    private mutating func attemptKey(_ key: EventBuilder.TallyKey) -> AttemptKey {
        var rest = key
        let pid = rest.pid
        rest.pid = nil
        return AttemptKey(names: names.index(rest), pid: pid)
    }

    /// A tally of an event added before it was final (`CountedEvent`):
    /// its incident counts `count` more and, when the tally moved the
    /// event's last time on (`extended`), so may the incident's, and the
    /// process's attempt is as late as the event, as if it had been added
    /// with the tally (`process`: the event's `TallyKey`).
    mutating func addTally(
        _ count: Int, extended: (date: Date, time: String?)?, to key: Incident.Key,
        process: EventBuilder.TallyKey
    ) {
        // In place, through the optional: a copy put back would copy
        // every list of the incident.
        if let before = incidents[key]?.count { incidents[key]?.count = before.addingSaturated(count) }
        guard let extended else { return }
        // As `Incident.absorb` takes an event's last time.
        if incidents[key]?.last.map({ extended.date >= $0 }) ?? true {
            incidents[key]?.last = extended.date
            incidents[key]?.lastTime = extended.time
        }
        lastAttempt[attemptKey(process)] = key.verdict == .unexplained ? nil : (keys.index(key), extended.date)
    }

    /// Failures counted for an incident without an event of their own (a
    /// watch record whose shim twin was already written counted more).
    mutating func addFailures(_ count: Int, to key: Incident.Key) {
        guard var incident = incidents[key] else { return }
        incident.count = incident.count.addingSaturated(count)
        incidents[key] = incident
    }

    /// By first failure; ties, and incidents without a time, in log order.
    var grouped: [Incident] {
        incidents.values.sorted { left, right in
            let leftFirst = left.first ?? .distantFuture
            let rightFirst = right.first ?? .distantFuture
            return leftFirst != rightFirst ? leftFirst < rightFirst : left.firstSequence < right.firstSequence
        }
    }

    /// For events already in log order.
    static func group(_ events: [FailureEvent]) -> [Incident] {
        var grouper = IncidentGrouper()
        for (sequence, event) in events.enumerated() { grouper.add(event, sequence: sequence) }
        return grouper.grouped
    }
}
