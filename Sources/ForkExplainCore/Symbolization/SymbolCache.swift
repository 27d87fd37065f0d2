/// Symbols for a report written as it is read (`report --format json`):
/// each event's frames are named as the event is written, so the names are
/// asked for frame by frame instead of once for the whole report. Each
/// frame is asked for once; a log of one failure repeated runs the
/// symbolizer once. At most `maximumRuns` runs, each bounded by the
/// symbolizer's own deadline: a log of many different programs past that
/// keeps its later frames as module+offset, as an unanswered frame does.
public struct SymbolCache {
    static let maximumRuns = 16

    private let symbolizer: any Symbolizer
    private var asked: Set<FrameKey> = []
    private var named: [FrameKey: String] = [:]
    private var runs = 0

    public init(symbolizer: any Symbolizer) {
        self.symbolizer = symbolizer
    }

    /// Names for the frames of `keys`, those known already and those it
    /// could find now.
    public mutating func symbols(for keys: [FrameKey]) -> [FrameKey: String] {
        let new = keys.filter { !asked.contains($0) }
        if !new.isEmpty, runs < Self.maximumRuns {
            runs += 1
            asked.formUnion(new)
            named.merge(symbolizer.symbolize(new.map(\.frame))) { old, _ in old }
        }
        return named
    }
}
