/// Numbers a program prints beside its error that change which cause comes
/// first (docs/kernel-facts.md §10.4, §10.7).
enum PrintedLimits {
    /// OpenBLAS's `RLIMIT_NPROC CUR current, MAX max`: the soft limit in
    /// force; -1 is unlimited.
    static func openBLASNproc(in lower: String) -> (current: Int64, maximum: Int64)? {
        guard let range = lower.range(of: "rlimit_nproc ") else { return nil }
        let words = lower[range.upperBound...].split(separator: " ")
        guard words.count >= 3, let current = Int64(words[0]), words[1].hasPrefix("current"),
            let maximum = Int64(words[2])
        else { return nil }
        return (current, maximum)
    }

    /// HotSpot's `failed to map N bytes`: a few KiB is a thread stack's guard
    /// or a small commit, the size at which the map count runs out first.
    static func hotSpotMapping(in lower: String) -> Int64? {
        guard let range = lower.range(of: "failed to map ") else { return nil }
        return Int64(lower[range.upperBound...].prefix { $0.isASCII && $0.isNumber })
    }

    static let smallMapping: Int64 = 64 * 1024
}
