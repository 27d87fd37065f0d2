/// Values of which a log has few (hosts, boot ids, incidents), each held
/// once and named by its place: what a report keeps for every process of a
/// log holds a 4-byte index instead of its own copy of the value (a boot
/// id's string alone is some 64 bytes on the heap), which for 100,000
/// processes was megabytes (docs/performance.md, "Held events: counted at once, spooled").
struct Interned<Value: Hashable & Sendable>: Sendable {
    private(set) var values: [Value] = []
    private var places: [Value: Int32] = [:]

    /// The value's place, given it one if it has none yet.
    mutating func index(_ value: Value) -> Int32 {
        if let place = places[value] { return place }
        let place = Int32(truncatingIfNeeded: values.count)
        places[value] = place
        values.append(value)
        return place
    }

    /// The value's place if it has one: a lookup that holds nothing new.
    func existing(_ value: Value) -> Int32? { places[value] }

    subscript(index: Int32) -> Value { values[Int(index)] }
}
