import Foundation

/// `forkexplain check`: every limit of one snapshot with its headroom, and
/// the exit status docs/design.md fixes (0 all below 80 %, 1 any at or above
/// 80 %, 2 any at or above 95 %).
public struct CheckReport: Sendable {
    static let warningShare = 0.80
    static let criticalShare = 0.95

    enum Level: String, Sendable, Encodable {
        case ok, warning, critical

        init(share: Double) {
            self = share >= CheckReport.criticalShare ? .critical : share >= CheckReport.warningShare ? .warning : .ok
        }
    }

    var record: LogRecord
    var usages: [LimitUsage]

    public init(record: LogRecord) {
        self.record = record
        self.usages = Headroom.usages(of: record)
    }

    var level: Level { usages.map { Level(share: $0.share) }.max { $0.rank < $1.rank } ?? .ok }

    public var exitStatus: Int32 {
        switch level {
        case .ok: 0
        case .warning: 1
        case .critical: 2
        }
    }
}

extension CheckReport.Level {
    var rank: Int {
        switch self {
        case .ok: 0
        case .warning: 1
        case .critical: 2
        }
    }
}
