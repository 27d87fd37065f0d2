import Foundation
import XCTest

@testable import ForkExplainCore

/// The report's UTC day and time by arithmetic against Foundation's
/// Gregorian calendar, which the text and Markdown reports used before.
final class UTCDigitsTests: XCTestCase {
    private func calendarText(_ seconds: Int) -> (date: String, time: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let day = String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
        let time = String(format: "%02d:%02d:%02d", c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
        return (day, time)
    }

    func testKnownInstants() {
        XCTAssertEqual(UTCDigits(secondsSince1970: 0).date, "1970-01-01")
        XCTAssertEqual(UTCDigits(secondsSince1970: 0).time, "00:00:00")
        // 2024-02-29 23:59:59, a leap day's last second, and the next one.
        XCTAssertEqual(UTCDigits(secondsSince1970: 1_709_251_199).date, "2024-02-29")
        XCTAssertEqual(UTCDigits(secondsSince1970: 1_709_251_199).time, "23:59:59")
        XCTAssertEqual(UTCDigits(secondsSince1970: 1_709_251_200).date, "2024-03-01")
        // 2000 is a leap year (a 400th), 2100 is not.
        XCTAssertEqual(UTCDigits(secondsSince1970: 951_782_400).date, "2000-02-29")
        XCTAssertEqual(UTCDigits(secondsSince1970: 4_107_542_400).date, "2100-03-01")
        // Before 1970 the second floors: -1 is the last second of 1969.
        XCTAssertEqual(UTCDigits(secondsSince1970: -1).date, "1969-12-31")
        XCTAssertEqual(UTCDigits(secondsSince1970: -1).time, "23:59:59")
        XCTAssertEqual(UTCDigits(Date(timeIntervalSince1970: 1.999)).time, "00:00:01")
    }

    func testAgreesWithTheGregorianCalendar() {
        // Every day's first and last second from 1960 to 2110, and a
        // stride through the seconds of the day on the way.
        var seconds = -315_619_200
        var checked = 0
        while seconds < 4_417_977_600 {
            for probe in [seconds, seconds + 86_399, seconds + (checked * 7_919) % 86_400] {
                let digits = UTCDigits(secondsSince1970: probe)
                let expected = calendarText(probe)
                XCTAssertEqual(digits.date, expected.date, "at \(probe)")
                XCTAssertEqual(digits.time, expected.time, "at \(probe)")
            }
            seconds += 86_400
            checked += 1
        }
        XCTAssertGreaterThan(checked, 54_000)
    }

    func testUnboundedDatesDoNotTrap() {
        XCTAssertEqual(UTCDigits(Date(timeIntervalSince1970: .nan)).date, "1970-01-01")
        XCTAssertFalse(UTCDigits(Date(timeIntervalSince1970: 1e300)).date.isEmpty)
        XCTAssertEqual(UTCDigits.digits(-5, 4), "-005")
    }
}
