import Foundation

/// ISO-8601 times as the shim writes them (`2026-11-26T15:30:00.123Z`) and as
/// people type them (`2026-11-26 15:30`, `2026-11-26`, `...+02:00`).
///
/// Parsed by hand: a log holds one per line, and the arithmetic is small
/// enough not to need a formatter (which is neither cheap nor Sendable).
enum Timestamp {
    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        var index = 0

        func number(_ digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + digits] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += digits
            return value
        }
        func skip(_ character: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == character else { return false }
            index += 1
            return true
        }

        guard let year = number(4), skip(0x2D), let month = number(2), skip(0x2D), let day = number(2),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var seconds = Double(daysFromCivil(year: year, month: month, day: day) * 86_400)

        if index < bytes.count, bytes[index] == 0x54 || bytes[index] == 0x20 {  // "T" or " "
            index += 1
            guard let hour = number(2), skip(0x3A), let minute = number(2), hour < 24, minute < 60 else {
                return nil
            }
            seconds += Double(hour * 3_600 + minute * 60)
            if skip(0x3A) {
                guard let second = number(2), second <= 60 else { return nil }
                seconds += Double(second)
                if skip(0x2E) || skip(0x2C) {
                    var scale = 0.1
                    while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                        seconds += Double(bytes[index] - 0x30) * scale
                        scale /= 10
                        index += 1
                    }
                }
            }
            if skip(0x5A) || skip(0x7A) {  // "Z"
            } else if index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D {
                let sign = bytes[index] == 0x2B ? 1.0 : -1.0
                index += 1
                guard let offsetHours = number(2) else { return nil }
                _ = skip(0x3A)
                let offsetMinutes = number(2) ?? 0
                seconds -= sign * Double(offsetHours * 3_600 + offsetMinutes * 60)
            }
        }
        guard index == bytes.count else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }

    /// Howard Hinnant's days_from_civil: days since 1970-01-01, proleptic Gregorian.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
