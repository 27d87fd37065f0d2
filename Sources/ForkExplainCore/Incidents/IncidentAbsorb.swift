import Foundation

extension Incident {
    init(key: Key, event: FailureEvent, sequence: Int) {
        self.key = key
        latest = event
        count = event.count
        events = 1
        first = event.date
        firstTime = event.record.time
        last = event.lastDate
        lastTime = event.lastTime
        firstSequence = sequence
        latestSequence = sequence
        note(event, sequence: sequence)
    }

    mutating func absorb(_ event: FailureEvent, sequence: Int) {
        count = count.addingSaturated(event.count)
        events += 1
        firstSequence = min(firstSequence, sequence)
        if let date = event.date, first.map({ date < $0 }) ?? true {
            first = date
            firstTime = event.record.time
        }
        if let date = event.lastDate, last.map({ date >= $0 }) ?? true {
            last = date
            lastTime = event.lastTime
        }
        // The most recent event speaks for the incident, the later line on a
        // tie, except that a HotSpot retry that saw no cause does not speak
        // for the incident its first attempt opened.
        let date = event.date ?? .distantFuture
        let latestDate = latest.date ?? .distantPast
        if date > latestDate || (date == latestDate && sequence > latestSequence), event.verdict.id == key.verdict {
            latest = event
            latestSequence = sequence
        }
        note(event, sequence: sequence)
    }

    /// The event's pid, names, call and notes, each listed once, in the
    /// order of the log.
    private mutating func note(_ event: FailureEvent, sequence: Int) {
        seenPids.add(event.pid, at: sequence)
        seenComms.add(event.comm, at: sequence)
        seenThreads.add(event.threadName, at: sequence)
        seenCalls.add(event.callDescription, at: sequence)
        seenErrnos.add(event.errnoName, at: sequence)
        seenFailures.add(Self.failure(event), at: sequence)
        seenProcesses.add(Self.process(event), at: sequence)
        seenKernelRules.add(event.verdict.kernelRule, at: sequence)
        seenMisleadingNotes.add(event.verdict.misleadingNote, at: sequence)
        seenMisleadingNotes.add(Self.hotSpotNote(self), at: sequence)
    }

    /// docs/kernel-facts.md §6.8: a JVM's failed threads, counted as the
    /// JVM reports them.
    private static func hotSpotNote(_ incident: Incident) -> String? {
        let record = incident.latest.record
        guard record.process?.comm == "java", incident.latest.callDescription == "pthread_create",
            incident.latest.errnoName == "EAGAIN"
        else { return nil }
        return
            "A JVM (JDK 18+) retries a failed pthread_create 3 times before it throws `OutOfMemoryError: unable to create native thread`: every 4 EAGAINs of one thread are one error in the application's log."
    }

    private static func failure(_ event: FailureEvent) -> String {
        "\(event.callDescription) (\(event.errnoName ?? "errno ?"))"
    }

    private static func process(_ event: FailureEvent) -> String {
        "\(event.comm ?? "?") (pid \(event.pid.map(String.init) ?? "?"))"
    }
}

/// Distinct values in the order of the log, whatever order they are added in.
struct FirstSeen<Value: Equatable & Sendable>: Sendable {
    private(set) var values: [Value] = []
    private var sequences: [Int] = []

    mutating func add(_ value: Value?, at sequence: Int) {
        guard let value else { return }
        if let index = values.firstIndex(of: value) {
            guard sequence < sequences[index] else { return }
            values.remove(at: index)
            sequences.remove(at: index)
        }
        let place = sequences.firstIndex { $0 > sequence } ?? sequences.count
        values.insert(value, at: place)
        sequences.insert(sequence, at: place)
    }
}
