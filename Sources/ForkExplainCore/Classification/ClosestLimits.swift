/// The limits of a record with how much of each was used, fullest first.
enum ClosestLimits {
    /// `line` reads no `source`: made without them (`Headroom.usages`).
    static func lines(for record: LogRecord, count: Int) -> [String] {
        Headroom.usages(of: record, sources: false).prefix(count).map(\.line)
    }
}
