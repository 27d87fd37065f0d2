extension FixedWidthInteger {
    /// `self + other`, held at the type's bounds instead of trapping: failure
    /// counts come from the log, and a forged or corrupted one must not stop
    /// the report (the reader bounds each value; sums of many can still reach
    /// the top).
    func addingSaturated(_ other: Self) -> Self {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }
}

extension FixedWidthInteger {
    /// `self - other`, held at the type's bounds: a forged `pid_max` of
    /// Int64.min must not trap.
    func subtractingSaturated(_ other: Self) -> Self {
        let (difference, overflow) = subtractingReportingOverflow(other)
        guard overflow else { return difference }
        return other > 0 ? .min : .max
    }
}
