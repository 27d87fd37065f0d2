import Foundation

/// A `--since` value: an ISO-8601 time, or an age like `30s`, `10m`, `2h`, `1d`.
public struct TimeSpec: Sendable, Hashable {
    public var date: Date

    init(date: Date) {
        self.date = date
    }

    public init?(_ text: String, now: Date = Date()) {
        if let date = Timestamp.parse(text) {
            self.date = date
            return
        }
        guard let unit = text.last, let amount = Double(text.dropLast()), amount >= 0 else { return nil }
        let scale: Double
        switch unit {
        case "s": scale = 1
        case "m": scale = 60
        case "h": scale = 3_600
        case "d": scale = 86_400
        default: return nil
        }
        date = now.addingTimeInterval(-amount * scale)
    }
}
