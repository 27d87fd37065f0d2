import Foundation

/// A failure seen by both the shim (inside the process) and `forkexplain
/// watch` (in the kernel) is one failure: the shim's event stays, with its
/// backtrace, and the watch event goes. The two count the same calls under
/// different rate limits, so the one kept counts the larger number.
///
/// Same failure: same host and boot, same errno, the same process — watch
/// writes the host's pid, the shim the pid in its own namespace, which is
/// the last of watch's `nspid` — the same thread where both say, and times
/// within `window` (the shim writes its time after the call returned).
///
/// Streamed: watch's events are held to the end (watch writes at most its
/// snapshot budget, docs/watch.md), the shim's pass on as they become
/// final, each leaving a trace (a run of its thread's failures within
/// `window` of each other), so that a watch record read after its twin
/// was written still finds it.
struct SourceMerger: Sendable {
    static let window: TimeInterval = 2

    /// Shim events are looked up by host, errno and pid, so a large mixed
    /// log costs one pass over each side, not their product.
    struct Key: Hashable, Sendable {
        var host: String?
        var errno: Int
        var pid: Int
    }

    /// Written shim events of one thread, boot and incident, each within
    /// `window` of the next: any time within `window` of the run is within
    /// `window` of one of them. Held for every process written to the end
    /// (a watch log read later can name any), so its names are places in
    /// `names` and `incidents`, and the traces of one key are chained in
    /// one list rather than each key holding a list of its own: 100,000
    /// processes held 100,000 lists and boot id strings
    /// (docs/performance.md, "Held events: counted at once, spooled").
    private struct Trace: Sendable {
        var first: Date
        var last: Date
        /// The latest event's count, and its place in the log.
        var count: Int
        var sequence: Int
        var bootId: Int32
        /// In `incidents`, -1 when the filter left the event out.
        var incident: Int32
        /// The trace of the same key before this one, -1 for none.
        var previous: Int32
        /// The tid itself when it is in 0...Int32.max (a kernel's always
        /// is: pids and tids stay below `PID_MAX_LIMIT`, 4194304 on 64-bit,
        /// docs/kernel-facts.md §1.2), -1 for none, else -2 less its place
        /// in `wideTids`. An `Int?` took 16 bytes of each trace, 64 in all,
        /// an `Int` and a flag 56, this 48 (docs/performance.md, "Held
        /// events: the tables of each process compact").
        var tidPlace: Int32

        init(bootId: Int32, incident: Int32, previous: Int32, tidPlace: Int32, date: Date, count: Int, sequence: Int) {
            first = date
            last = date
            self.count = count
            self.sequence = sequence
            self.tidPlace = tidPlace
            self.bootId = bootId
            self.incident = incident
            self.previous = previous
        }
    }

    /// What a watch event's written shim twin left: its latest count, and
    /// the incident it joined (nil when the filter left it out).
    struct Twin: Sendable {
        var count: Int
        var incident: Incident.Key?
    }

    private struct TraceKey: Hashable, Sendable {
        var host: Int32
        var errno: Int32
        var pid: Int
    }

    private var held: [(event: FailureEvent, sequence: Int)?] = []
    private var heldByKey: [Key: [Int]] = [:]
    /// In chunks: one array of 100,000 traces was copied whole as it grew;
    /// the older chunks on disk (`SpillingList`).
    private var traces = SpillingList<Trace>()
    /// Each key's latest trace in `traces`: one for each process.
    private var lastTrace = CompactTable<TraceKey, Int32>(spillFrom: SpillRuns.memoryBound)
    private var names = Interned<String?>()
    private var incidents = Interned<Incident.Key>()
    /// The tids of traces a 32-bit place cannot hold (`Trace.tidPlace`).
    private var wideTids: [Int] = []

    /// A watch event: held until `finish`.
    mutating func hold(watch event: FailureEvent, sequence: Int) {
        guard let errno = event.errnoNumber else {
            held.append((event, sequence))
            return
        }
        for pid in Self.pids(of: event) {
            heldByKey[Key(host: event.record.host, errno: errno, pid: pid), default: []].append(held.count)
        }
        held.append((event, sequence))
    }

    /// What merging reads of a shim event: an event's, or a `WaitingWrite`'s.
    struct Shim: Sendable {
        var host, bootId: String?
        /// The errno's number: watch's record may give only the name.
        var errno: Int?
        /// The pid and tid in the shim's own namespace.
        var pid, tid: Int?
        var date: Date?
    }

    /// A shim event about to be written takes the counts of the watch
    /// events held for the same failure, which are dropped.
    mutating func absorbTwins(into shim: inout FailureEvent) {
        shim.count = absorbTwins(of: Shim(shim), count: shim.count)
    }

    /// The count of a shim event about to be written once the watch events
    /// held for the same failure are absorbed (and dropped).
    mutating func absorbTwins(of shim: Shim, count: Int) -> Int {
        guard let key = Self.shimKey(shim), let indices = heldByKey[key] else { return count }
        var count = count
        for index in indices {
            guard let watch = held[index]?.event, Self.sameFailure(shim, watch) else { continue }
            count = max(count, watch.count)
            held[index] = nil
        }
        return count
    }

    /// Remembers a written shim event for the watch events still to come;
    /// the place of its trace (-1: none), for `counted(trace:)`.
    @discardableResult
    mutating func written(shim: FailureEvent, sequence: Int, incident: Incident.Key?) -> Int32 {
        written(shim: Shim(shim), count: shim.count, sequence: sequence, incident: incident)
    }

    /// The same for what merging reads of the event, and its count.
    @discardableResult
    mutating func written(shim: Shim, count: Int, sequence: Int, incident: Incident.Key?) -> Int32 {
        guard let key = Self.shimKey(shim), let date = shim.date else { return -1 }
        let traceKey = TraceKey(host: names.index(key.host), errno: Int32(truncatingIfNeeded: key.errno), pid: key.pid)
        let bootId = names.index(shim.bootId)
        let place = incident.map { incidents.index($0) } ?? -1
        let latest = lastTrace[traceKey]
        if let latest, case let trace = traces[Int(latest)], trace.bootId == bootId, tid(of: trace) == shim.tid,
            trace.incident == place, date >= trace.first, date.timeIntervalSince(trace.last) <= Self.window
        {
            traces[Int(latest)].last = max(trace.last, date)
            traces[Int(latest)].count = count
            traces[Int(latest)].sequence = sequence
            return latest
        }
        let index = Int32(truncatingIfNeeded: traces.count)
        // A key with no trace yet is on neither side: one search, not two.
        if latest == nil { lastTrace.insertNew(index, for: traceKey) } else { lastTrace[traceKey] = index }
        traces.append(
            Trace(
                bootId: bootId, incident: place, previous: latest ?? -1, tidPlace: tidPlace(shim.tid), date: date,
                count: count, sequence: sequence))
        return index
    }

    /// A tally added to an event written before it was final
    /// (`CountedEvent`): its trace counts the new count if the event is
    /// still the latest of it, as it would had the event been written now.
    mutating func counted(trace: Int32, sequence: Int, count: Int) {
        guard trace >= 0, traces[Int(trace)].sequence == sequence else { return }
        traces[Int(trace)].count = count
    }

    /// The watch events held, in log order, each with the trace of its
    /// written shim twin if it has one (then it is not written: what it
    /// counted beyond the shim goes to that twin's incident).
    mutating func finish() -> [(event: FailureEvent, sequence: Int, twin: Twin?)] {
        let rest = held.compactMap { $0 }.sorted { $0.sequence < $1.sequence }
        held = []
        heldByKey = [:]
        return rest.map { watch in
            (watch.event, watch.sequence, twin(of: watch.event))
        }
    }

    private func twin(of watch: FailureEvent) -> Twin? {
        guard let errno = watch.errnoNumber, let date = watch.date, let host = names.existing(watch.record.host)
        else { return nil }
        let hostPid = watch.record.process?.pid
        let bootId = names.existing(watch.record.bootId)
        for pid in Self.pids(of: watch) {
            for trace in traces(of: TraceKey(host: host, errno: Int32(truncatingIfNeeded: errno), pid: pid)) {
                // A trace's boot id or the watch record's missing matches any.
                guard names[trace.bootId] == nil || watch.record.bootId == nil || trace.bootId == bootId,
                    date >= trace.first.addingTimeInterval(-Self.window),
                    date <= trace.last.addingTimeInterval(Self.window)
                else { continue }
                // A tid is comparable only when both are in the same namespace.
                if pid == hostPid, let t1 = tid(of: trace), let t2 = watch.tid, t1 != t2 { continue }
                return Twin(count: trace.count, incident: trace.incident < 0 ? nil : incidents[trace.incident])
            }
        }
        return nil
    }

    private func tid(of trace: Trace) -> Int? {
        if trace.tidPlace >= 0 { return Int(trace.tidPlace) }
        return trace.tidPlace == -1 ? nil : wideTids[Int(-2 - trace.tidPlace)]
    }

    /// `Trace.tidPlace` for a new trace's tid.
    private mutating func tidPlace(_ tid: Int?) -> Int32 {
        guard let tid else { return -1 }
        if let inline = Int32(exactly: tid), inline >= 0 { return inline }
        wideTids.append(tid)
        return -1 - Int32(truncatingIfNeeded: wideTids.count)
    }

    /// A key's traces, first written first.
    private func traces(of key: TraceKey) -> [Trace] {
        var chain: [Trace] = []
        var next = lastTrace[key] ?? -1
        while next >= 0 {
            chain.append(traces[Int(next)])
            next = traces[Int(next)].previous
        }
        return chain.reversed()
    }

    private static func shimKey(_ shim: Shim) -> Key? {
        guard let errno = shim.errno, let pid = shim.pid else { return nil }
        return Key(host: shim.host, errno: errno, pid: pid)
    }

    /// The pids a shim twin may have: the host's, and the innermost namespace's.
    private static func pids(of watch: FailureEvent) -> [Int] {
        [watch.record.process?.pid, watch.record.pid?.nspid?.last.map(Int.init)].compactMap { $0 }
    }

    static func sameFailure(_ shim: FailureEvent, _ watch: FailureEvent) -> Bool {
        sameFailure(Shim(shim), watch)
    }

    static func sameFailure(_ a: Shim, _ watch: FailureEvent) -> Bool {
        let b = watch.record
        guard a.host == b.host, a.bootId == nil || b.bootId == nil || a.bootId == b.bootId,
            let errno = a.errno, errno == watch.errnoNumber,
            let shimPid = a.pid
        else { return false }
        let hostPid = b.process?.pid
        let innerPid = b.pid?.nspid?.last.map(Int.init)
        guard shimPid == hostPid || shimPid == innerPid else { return false }
        // A tid is comparable only when both are in the same namespace.
        if shimPid == hostPid, let t1 = a.tid, let t2 = b.process?.tid, t1 != t2 { return false }
        guard let d1 = a.date, let d2 = watch.date else { return false }
        return abs(d1.timeIntervalSince(d2)) <= window
    }
}

extension SourceMerger.Shim {
    init(_ event: FailureEvent) {
        self.init(
            host: event.record.host, bootId: event.record.bootId, errno: event.errnoNumber,
            pid: event.record.process?.pid, tid: event.tid, date: event.date)
    }
}
