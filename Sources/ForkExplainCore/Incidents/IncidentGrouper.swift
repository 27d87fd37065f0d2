import Foundation

/// Groups events into incidents, ordered by when each began.
enum IncidentGrouper {
    /// docs/kernel-facts.md §6.8: since JDK 18 HotSpot retries a failed
    /// pthread_create 3 times before it throws OutOfMemoryError, at once.
    /// A retry whose snapshot no longer showed the limit (a task exited in
    /// between) is the same failure: it joins the attempt before it.
    static let retryWindow: TimeInterval = 1

    static func group(_ events: [FailureEvent]) -> [Incident] {
        var order: [Incident.Key] = []
        var incidents: [Incident.Key: Incident] = [:]
        // One process's attempts at one call and errno: the key a tally joins by.
        var lastAttempt: [EventBuilder.TallyKey: (key: Incident.Key, date: Date)] = [:]

        for event in events {
            var key = Incident.Key(
                host: event.host, verdict: event.verdict.id, binding: event.verdict.bindingLimit.key)
            let attempt = EventBuilder.TallyKey(event.record)
            if event.verdict.id == .unexplained, let date = event.date, let previous = lastAttempt[attempt],
                previous.key.verdict != .unexplained, date.timeIntervalSince(previous.date) <= retryWindow,
                date >= previous.date
            {
                key = previous.key
            }
            if let date = event.lastDate ?? event.date { lastAttempt[attempt] = (key, date) }
            if var incident = incidents[key] {
                incident.absorb(event)
                incidents[key] = incident
            } else {
                order.append(key)
                incidents[key] = Incident(key: key, event: event)
            }
        }
        let grouped = order.enumerated().compactMap { index, key in incidents[key].map { (index, $0) } }
        return grouped.sorted { left, right in
            let leftFirst = left.1.first ?? .distantFuture
            let rightFirst = right.1.first ?? .distantFuture
            return leftFirst != rightFirst ? leftFirst < rightFirst : left.0 < right.0
        }.map(\.1)
    }
}

extension Incident {
    init(key: Key, event: FailureEvent) {
        self.key = key
        latest = event
        count = event.count
        events = 1
        first = event.date
        firstTime = event.record.time
        last = event.lastDate
        lastTime = event.lastTime
        pids = event.pid.map { [$0] } ?? []
        comms = event.comm.map { [$0] } ?? []
        threads = event.threadName.map { [$0] } ?? []
        calls = [event.callDescription]
        errnos = event.errnoName.map { [$0] } ?? []
        failures = [Self.failure(event)]
        processes = [Self.process(event)]
        kernelRules = [event.verdict.kernelRule]
        misleadingNotes = event.verdict.misleadingNote.map { [$0] } ?? []
        Self.appendUnique(Self.hotSpotNote(self), to: &misleadingNotes)
    }

    mutating func absorb(_ event: FailureEvent) {
        count = count.addingSaturated(event.count)
        events += 1
        if let date = event.date, first.map({ date < $0 }) ?? true {
            first = date
            firstTime = event.record.time
        }
        if let date = event.lastDate, last.map({ date >= $0 }) ?? true {
            last = date
            lastTime = event.lastTime
        }
        // Records are appended in time order, so a later line wins a tie,
        // except that a HotSpot retry that saw no cause does not speak for
        // the incident its first attempt opened.
        if (event.date ?? .distantFuture) >= (latest.date ?? .distantPast),
            event.verdict.id == key.verdict
        {
            latest = event
        }
        Self.appendUnique(event.pid, to: &pids)
        Self.appendUnique(event.comm, to: &comms)
        Self.appendUnique(event.threadName, to: &threads)
        Self.appendUnique(event.callDescription, to: &calls)
        Self.appendUnique(event.errnoName, to: &errnos)
        Self.appendUnique(Self.failure(event), to: &failures)
        Self.appendUnique(Self.process(event), to: &processes)
        Self.appendUnique(event.verdict.kernelRule, to: &kernelRules)
        Self.appendUnique(event.verdict.misleadingNote, to: &misleadingNotes)
        Self.appendUnique(Self.hotSpotNote(self), to: &misleadingNotes)
    }

    /// docs/kernel-facts.md §6.8: a JVM's failed threads, counted as the
    /// JVM reports them. watch sees each try as a thread the kernel refused,
    /// with the kernel's errno: ENOMEM reaches the JVM as EAGAIN (§2).
    private static func hotSpotNote(_ incident: Incident) -> String? {
        let record = incident.latest.record
        let errno = incident.latest.errnoName
        let seenByShim = incident.latest.callDescription == "pthread_create" && errno == "EAGAIN"
        let seenByWatch =
            record.isFromWatch && CallKind(call: record.call) == .thread && (errno == "EAGAIN" || errno == "ENOMEM")
        guard record.process?.comm == "java", seenByShim || seenByWatch else { return nil }
        return
            "A JVM (JDK 18+) retries a failed pthread_create 3 times before it throws `OutOfMemoryError: unable to create native thread`: every 4 EAGAINs of one thread are one error in the application's log."
    }

    private static func failure(_ event: FailureEvent) -> String {
        "\(event.callDescription) (\(event.errnoName ?? "errno ?"))"
    }

    private static func process(_ event: FailureEvent) -> String {
        "\(event.comm ?? "?") (pid \(event.pid.map(String.init) ?? "?"))"
    }

    private static func appendUnique<T: Equatable>(_ value: T?, to list: inout [T]) {
        if let value, !list.contains(value) { list.append(value) }
    }
}
