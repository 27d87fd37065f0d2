/// Distinct values in the order of the log, whatever order they are added in.
/// Kept by value, not in a list searched at each event: an incident of a
/// million distinct processes (a long storm of short-lived ones) notes a
/// million pids, names and processes, and a linear search per event made
/// the report quadratic in them. Ordered once, when an incident is rendered.
///
/// `keeping`: how many of the first values a report shows (text and
/// Markdown name three processes and count the rest). The rest are only
/// counted, in a set without their places: 16 bytes less a bucket, for
/// each of the 100,000 processes of a log of many
/// (docs/performance.md, "Held events: what each process leaves"), a
/// `CompactTable` rather than a `Set` for the room of its buckets.
struct FirstSeen<Value: Hashable & Sendable>: Sendable {
    /// Where a value was first seen: its record's place in the log, then
    /// the order of adding, for values of one record.
    private struct Place: Comparable, Sendable {
        var sequence: Int
        var order: Int

        static func < (lhs: Place, rhs: Place) -> Bool {
            (lhs.sequence, lhs.order) < (rhs.sequence, rhs.order)
        }
    }

    /// The first `keeping` values by place (every pid, for JSON: a
    /// `CompactTable` too).
    private var places = CompactTable<Value, Place>(spillFrom: SpillRuns.memoryBound)
    /// The values seen after those, not placed. A value here has a place
    /// no earlier than the latest kept one's, so a value added again can
    /// come in only with an earlier record than that one's; one added
    /// again at that record or later stays here, as it would have stayed
    /// behind every kept value. The order it would have been given is
    /// not given: only the order of the orders given matters.
    private var others = CompactTable<Value, Void>(spillFrom: SpillRuns.memoryBound)
    private var added = 0
    let keeping: Int

    init(keeping: Int = .max) {
        self.keeping = max(1, keeping)
    }

    /// The first `keeping` values, in log order.
    var values: [Value] {
        var all: [Value] = []
        forEachValue { all.append($0) }
        return all
    }

    /// The same, each handed on in log order, not listed: JSON writes every
    /// pid of an incident, and a list of 100,000 with their places, sorted,
    /// was 3.6 MB of the report's peak (docs/performance.md, "The report's
    /// last megabytes: JSON's processes at the end"). In runs on disk past
    /// 4,096 (`SortedRuns`).
    func forEachValue(_ body: (Value) throws -> Void) rethrows {
        var sorted = SortedRuns<(value: Value, place: Place), Place> { $0.place }
        places.forEach { sorted.add(($0, $1)) }
        while let next = sorted.next() { try body(next.value) }
    }
    /// How many distinct values were added.
    var count: Int { places.count + others.count }

    mutating func add(_ value: Value?, at sequence: Int) {
        guard let value else { return }
        // While there is room nothing is behind the kept values (`others`
        // is empty): a new value goes in with the one search that finds it
        // new, not a lookup and then an insert.
        let hadRoom = places.count < keeping
        let known =
            hadRoom ? places.insertIfAbsent(Place(sequence: sequence, order: added + 1), for: value) : places[value]
        if hadRoom, known == nil {
            added += 1
            return
        }
        if let known {
            if known.sequence <= sequence { return }
            added += 1
            places[value] = Place(sequence: sequence, order: added)
            return
        }
        // No room: the latest kept value goes behind if this one is earlier.
        // Found in place: a list of the kept values made at each new
        // process was an allocation a record.
        var found: (Value, Place)?
        places.forEach { value, place in if found.map({ $0.1 < place }) ?? true { found = (value, place) } }
        guard let latest = found else { return }
        if others.contains(value), sequence >= latest.1.sequence { return }
        added += 1
        let place = Place(sequence: sequence, order: added)
        guard place < latest.1 else {
            others.insert(value)
            return
        }
        others.remove(value)
        places[value] = place
        places[latest.0] = nil
        others.insert(latest.0)
    }
}
