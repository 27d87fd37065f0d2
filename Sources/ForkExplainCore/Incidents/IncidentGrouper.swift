import Foundation

/// Groups events into incidents, ordered by when each began.
enum IncidentGrouper {
    static func group(_ events: [FailureEvent]) -> [Incident] {
        var order: [Incident.Key] = []
        var incidents: [Incident.Key: Incident] = [:]

        for event in events {
            let key = Incident.Key(
                host: event.host, verdict: event.verdict.id, binding: event.verdict.bindingLimit.key)
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
        calls = [event.callDescription]
        errnos = event.errnoName.map { [$0] } ?? []
        failures = [Self.failure(event)]
        processes = [Self.process(event)]
        kernelRules = [event.verdict.kernelRule]
        misleadingNotes = event.verdict.misleadingNote.map { [$0] } ?? []
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
        // Records are appended in time order, so a later line wins a tie.
        if (event.date ?? .distantFuture) >= (latest.date ?? .distantPast) {
            latest = event
        }
        Self.appendUnique(event.pid, to: &pids)
        Self.appendUnique(event.comm, to: &comms)
        Self.appendUnique(event.callDescription, to: &calls)
        Self.appendUnique(event.errnoName, to: &errnos)
        Self.appendUnique(Self.failure(event), to: &failures)
        Self.appendUnique(Self.process(event), to: &processes)
        Self.appendUnique(event.verdict.kernelRule, to: &kernelRules)
        Self.appendUnique(event.verdict.misleadingNote, to: &misleadingNotes)
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
