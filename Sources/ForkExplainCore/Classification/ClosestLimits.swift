/// The limits of a record with how much of each was used, fullest first.
enum ClosestLimits {
    static func lines(for record: LogRecord, count: Int) -> [String] {
        Headroom.usages(of: record).prefix(count).map(\.line)
    }
}
