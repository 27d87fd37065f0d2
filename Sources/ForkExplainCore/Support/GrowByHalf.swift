extension Array {
    /// Appends, making room by half as much again when full, not double:
    /// for the arrays of an entry for each process (`CompactTable`,
    /// `SourceMerger`'s traces) on average a quarter of the room empty
    /// where doubling leaves a third, and less taken at once while the old
    /// room is copied to the new (docs/performance.md, "Held events: the
    /// tables of each process compact").
    mutating func appendGrowingByHalf(_ element: Element) {
        if count == capacity { reserveCapacity(count + count / 2 + 8) }
        append(element)
    }
}
