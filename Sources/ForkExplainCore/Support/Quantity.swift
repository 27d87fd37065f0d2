import Foundation

/// How numbers read in evidence and reports: sizes in binary units, shares
/// as whole percents.
public enum Quantity {
    /// `1.2 GiB` from a kibibyte count (the unit of `/proc/meminfo`).
    public static func kibibytes(_ kb: Int64) -> String {
        bytes(Double(kb) * 1024)
    }

    static func bytes(_ value: Int64) -> String {
        bytes(Double(value))
    }

    static func bytes(_ value: Double) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
        var scaled = value
        var unit = 0
        while abs(scaled) >= 1024, unit < units.count - 1 {
            scaled /= 1024
            unit += 1
        }
        if unit == 0 { return "\(Int64(scaled)) B" }
        return tenths(scaled) + " " + units[unit]
    }

    /// `%.1f`, as the C library writes it: the value's exact binary
    /// amount rounded to tenths, a tie to the even tenth. Worked out here
    /// for what `bytes` gives it (at least 1, far below 2^50: its product
    /// with 10 is off by at most one tenth, and the fused remainder below is
    /// exact); anything else goes to the C library, whose call was two
    /// thirds of an unexplained record's closest-limits lines.
    static func tenths(_ value: Double) -> String {
        let magnitude = value.magnitude
        guard magnitude >= 1, magnitude < 1e15 else { return cTenths(value) }
        var tenths = (magnitude * 10).rounded(.toNearestOrEven)
        // magnitude × 10 − tenths, rounded once: exact here.
        let rest = (-tenths).addingProduct(magnitude, 10)
        if rest > 0.5 || (rest == 0.5 && tenths.truncatingRemainder(dividingBy: 2) != 0) {
            tenths += 1
        } else if rest < -0.5 || (rest == -0.5 && tenths.truncatingRemainder(dividingBy: 2) != 0) {
            tenths -= 1
        }
        let whole = Int(tenths)
        return (value.sign == .minus ? "-" : "") + String(whole / 10) + "." + String(whole % 10)
    }

    /// `%.1f` through the C library: the same text as Foundation's
    /// `String(format:)`, which was a twentieth of a report's time.
    static func cTenths(_ value: Double) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            guard let base = buffer.baseAddress else { return "" }
            let length = withVaList([value]) { vsnprintf(base, buffer.count, "%.1f", $0) }
            guard length > 0, Int(length) < buffer.count else { return "" }
            return String(cString: base)
        }
    }

    /// `70 %`; a share that rounds to 100 without reaching it stays at 99.
    static func percent(_ part: Int64, of whole: Int64) -> String {
        guard whole > 0 else { return "n/a" }
        // Bounded before converting: Int(_:) traps on a Double out of its range.
        let share = (Double(part) * 100 / Double(whole)).rounded()
        guard share < 1e6 else { return "over 10000 %" }
        var value = Int(max(share, -1e6))
        if value >= 100, part < whole { value = 99 }
        return "\(value) %"
    }

    /// `1 thread`, `4012 threads`.
    static func threads(_ count: Int64) -> String {
        count == 1 ? "1 thread" : "\(count) threads"
    }
}
