import Foundation

/// A date's UTC day and time of day as `2026-11-26` and `15:30:01`, by
/// arithmetic on the seconds since 1970 (the proleptic Gregorian calendar
/// UTC has, without leap seconds). Foundation's `Calendar` gave the same
/// fields through ICU, whose calendar code and data the text and Markdown
/// reports then paged in: 1.8 MB of their peak RSS for two timestamps an
/// incident (docs/performance.md, "The report's own memory").
struct UTCDigits: Equatable {
    let year: Int
    let month: Int
    let day: Int
    let hour: Int
    let minute: Int
    let second: Int

    init(_ date: Date) {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        // Bounded before converting: Int(_:) traps on a Double out of its
        // range (1e15 seconds is some 30 million years, no log's).
        self.init(secondsSince1970: seconds.isFinite ? Int(max(min(seconds, 1e15), -1e15)) : 0)
    }

    /// Whole seconds, flooring: a time before 1970 falls in the second it is in.
    init(secondsSince1970 seconds: Int) {
        let (days, inDay) = Self.floorDivision(seconds, 86_400)
        hour = inDay / 3_600
        minute = inDay % 3_600 / 60
        second = inDay % 60
        // Days to a civil date (Howard Hinnant's "civil_from_days"): eras of
        // 400 years (146,097 days), years starting on March 1st so that
        // February's leap day ends them.
        let (era, dayOfEra) = Self.floorDivision(days + 719_468, 146_097)
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// `2026-11-26`
    var date: String { "\(Self.digits(year, 4))-\(Self.digits(month, 2))-\(Self.digits(day, 2))" }

    /// `15:30:01`
    var time: String { "\(Self.digits(hour, 2)):\(Self.digits(minute, 2)):\(Self.digits(second, 2))" }

    /// `value` zero-padded to `width` digits, as `%0Nd` pads it (the sign first).
    static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value.magnitude)
        let padding = String(repeating: "0", count: max(0, width - text.count - (value < 0 ? 1 : 0)))
        return (value < 0 ? "-" : "") + padding + text
    }

    private static func floorDivision(_ value: Int, _ divisor: Int) -> (quotient: Int, remainder: Int) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }
}
