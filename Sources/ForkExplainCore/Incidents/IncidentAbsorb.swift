import Foundation

extension Incident {
    init(key: Key, event: FailureEvent, sequence: Int, lists: Lists = .all) {
        self.key = key
        self.lists = lists
        seenProcesses = FirstSeen(keeping: lists.contains(.processes) ? .max : Self.shownProcesses)
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
        if lists.contains(.pids) { seenPids.add(event.pid, at: sequence) }
        seenComms.add(event.comm, at: sequence)
        seenThreads.add(event.threadName, at: sequence)
        seenCalls.add(event.callDescription, at: sequence)
        seenErrnos.add(event.errnoName, at: sequence)
        seenFailures.add(Self.failure(event), at: sequence)
        seenProcesses.add(PidKey(names: processComms.index(event.comm ?? "?"), pid: event.pid), at: sequence)
        seenKernelRules.add(event.verdict.kernelRule, at: sequence)
        seenMisleadingNotes.add(event.verdict.misleadingNote, at: sequence)
        seenMisleadingNotes.add(Self.hotSpotNote(event), at: sequence)
    }

    /// docs/kernel-facts.md §6.8: a JVM's failed threads, counted as the
    /// JVM reports them. watch sees each try as a thread the kernel refused,
    /// with the kernel's errno: ENOMEM reaches the JVM as EAGAIN (§2).
    /// Of each event, not of the incident's latest at the time: which event
    /// was latest when another came depends on the order events become
    /// final in, which is not the log's (`EventBuilder`, `CountedEvent`).
    private static func hotSpotNote(_ event: FailureEvent) -> String? {
        let record = event.record
        let errno = event.errnoName
        let seenByShim = event.callDescription == "pthread_create" && errno == "EAGAIN"
        let seenByWatch =
            record.isFromWatch && CallKind(call: record.call) == .thread && (errno == "EAGAIN" || errno == "ENOMEM")
        guard record.process?.comm == "java", seenByShim || seenByWatch else { return nil }
        return
            "A JVM retries a failed pthread_create 3 times before it throws `OutOfMemoryError: unable to create native thread` (JDK 18+, and 17/11 updates from 17.0.4/11.0.16; JDK 8 does not, docs/kernel-facts.md §6.8): every 4 EAGAINs of one thread are one error in the application's log."
    }

    private static func failure(_ event: FailureEvent) -> String {
        "\(event.callDescription) (\(event.errnoName ?? "errno ?"))"
    }
}
