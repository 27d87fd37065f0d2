/// A limit as the kernel states it: a number, or its own word for "no limit"
/// (`"unlimited"` in `/proc/PID/limits`, `"max"` in cgroup files).
enum LimitValue: Sendable, Hashable {
    case value(Int64)
    case unlimited

    /// The numeric limit, or nil when there is none.
    var number: Int64? {
        if case .value(let number) = self { return number }
        return nil
    }
}

extension LimitValue: Encodable {
    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .value(let number): try container.encode(number)
        case .unlimited: try container.encode("unlimited")
        }
    }
}
