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
enum SourceMerger {
    static let window: TimeInterval = 2

    /// Shim events are looked up by host, errno and pid, so a large mixed
    /// log costs one pass over each side, not their product.
    private struct Key: Hashable {
        var host: String?
        var errno: Int
        var pid: Int
    }

    static func merge(_ events: [FailureEvent]) -> [FailureEvent] {
        var shimByKey: [Key: [Int]] = [:]
        for index in events.indices where !events[index].record.isFromWatch {
            let event = events[index]
            guard let errno = event.errnoNumber, let pid = event.record.process?.pid else { continue }
            shimByKey[Key(host: event.record.host, errno: errno, pid: pid), default: []].append(index)
        }
        guard !shimByKey.isEmpty else { return events }
        var merged = events
        var dropped = Set<Int>()
        for index in events.indices where events[index].record.isFromWatch {
            let watch = events[index]
            guard let errno = watch.errnoNumber else { continue }
            let pids = [watch.record.process?.pid, watch.record.pid?.nspid?.last.map(Int.init)].compactMap { $0 }
            let candidates = pids.flatMap { shimByKey[Key(host: watch.record.host, errno: errno, pid: $0)] ?? [] }
            guard let twin = candidates.first(where: { sameFailure(events[$0], watch) }) else { continue }
            merged[twin].count = max(merged[twin].count, watch.count)
            dropped.insert(index)
        }
        return merged.indices.filter { !dropped.contains($0) }.map { merged[$0] }
    }

    static func sameFailure(_ shim: FailureEvent, _ watch: FailureEvent) -> Bool {
        let a = shim.record
        let b = watch.record
        guard a.host == b.host, a.bootId == nil || b.bootId == nil || a.bootId == b.bootId,
            let errno = shim.errnoNumber, errno == watch.errnoNumber,
            let shimPid = a.process?.pid
        else { return false }
        let hostPid = b.process?.pid
        let innerPid = b.pid?.nspid?.last.map(Int.init)
        guard shimPid == hostPid || shimPid == innerPid else { return false }
        // A tid is comparable only when both are in the same namespace.
        if shimPid == hostPid, let t1 = a.process?.tid, let t2 = b.process?.tid, t1 != t2 { return false }
        guard let d1 = shim.date, let d2 = watch.date else { return false }
        return abs(d1.timeIntervalSince(d2)) <= window
    }
}
