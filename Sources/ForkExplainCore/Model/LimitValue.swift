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

extension LimitValue: Codable {
    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) {
            // cgroup v1 says "no limit" with a number: PAGE_COUNTER_MAX pages
            // (9223372036854771712 bytes on 4 KiB pages). Nothing real is 4 EiB.
            self = number >= 1 << 62 ? .unlimited : .value(number)
        } else if (try? container.decode(UInt64.self)) != nil {
            // Beyond Int64 only RLIM_INFINITY-like sentinels live: no real limit.
            self = .unlimited
        } else if let word = try? container.decode(String.self), word == "unlimited" || word == "max" {
            self = .unlimited
        } else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "expected an integer, \"unlimited\" or \"max\""
            )
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .value(let number): try container.encode(number)
        case .unlimited: try container.encode("unlimited")
        }
    }
}
