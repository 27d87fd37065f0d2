import Foundation

/// `forkexplain check`: every limit of one snapshot with its headroom, and
/// the exit status docs/design.md fixes (0 all below 80 %, 1 any at or above
/// 80 %, 2 any at or above 95 %); with a preflight, 2 when some limit leaves
/// room for fewer than it needs, else 0.
public struct CheckReport: Sendable {
    static let warningShare = 0.80
    static let criticalShare = 0.95

    enum Level: String, Sendable, Encodable {
        case ok, warning, critical, unknown

        init(share: Double) {
            self = share >= CheckReport.criticalShare ? .critical : share >= CheckReport.warningShare ? .warning : .ok
        }

        /// The monitoring-plugin exit status.
        var status: Int32 {
            switch self {
            case .ok: 0
            case .warning: 1
            case .critical: 2
            case .unknown: 3
            }
        }

        /// The word of the plugin's first line.
        var word: String { self == .ok ? "OK" : rawValue.uppercased() }
    }

    var record: LogRecord
    var usages: [LimitUsage]
    /// Creation a setting turns off (Headroom.turnedOff): shown, never
    /// counted in the status.
    var turnedOff: [LimitUsage]
    var preflight: Preflight?
    /// The limits the preflight counts, the tightest first.
    var rooms: [Preflight.Room]
    /// The limits a cut /proc scan left without a count, or counted in part.
    var uncounted: [UncountedLimit]
    /// The systemd unit whose TasksMax= is the tightest pids level.
    var unit: TightestPidsUnit?
    /// The Proxmox VE CT or ECS task whose limit is the tightest pids level.
    var container: TightestPidsContainer?
    /// The VM or sandbox this Linux runs in, whose memory and kernel limits
    /// are set outside it (docs/kernel-facts.md §11.160–§11.162).
    var guest: GuestVM?
    /// The user's CloudLinux LVE when one of its limits is filling.
    var lve: LVECheckNote?
    /// A limit above the container's view that seems to bind.
    var hidden: HiddenPidsNote?

    /// `view`: what the checker's /proc shows (ProcView); without it the
    /// record alone decides whether a uid's count is whole.
    public init(record: LogRecord, preflight: Preflight? = nil, view: ProcView = ProcView()) {
        self.record = record
        var usages = Headroom.usages(of: record)
        var partial = PartialUidCount.of(record, view: view)
        if let found = partial {
            // A part that is critical already is critical: the whole is
            // larger. Any other part says nothing of the room left.
            let row = usages.first { $0.limit == .rlimitNPROC }
            if found.seenIsFloor, let row, Level(share: row.share) == .critical {
                partial = nil
            } else {
                usages.removeAll { $0.limit == .rlimitNPROC }
            }
        }
        self.usages = usages
        self.turnedOff = Headroom.turnedOff(of: record)
        self.preflight = preflight
        self.rooms = preflight?.rooms(usages) ?? []
        self.uncounted = UncountedLimit.of(record, partial: partial)
        // A platform's level that is also a slice (ecstasks-ID.slice,
        // kubepods-…-pod<UID>.slice) is the platform's, not a unit's.
        self.container = TightestPidsContainer.of(record)
        self.unit = container == nil ? TightestPidsUnit.of(record) : nil
        self.guest = GuestVM.of(record)
        self.lve = LVECheckNote.of(record, usages: usages)
        self.hidden = HiddenPidsNote.of(record)
    }

    /// On the node: the child levels of the tightest level when it is a
    /// Kubernetes pod's, from `read` given the pod level's directory
    /// (docs/kernel-facts.md §11.150).
    public mutating func readPodChildren(_ read: (String) -> PodChildLevels.Reading?) {
        guard let pod = container?.pod, let reading = read(pod.dir) else { return }
        let own = pod.container.split(separator: "/").last.map(String.init)
        container?.children = PodChildLevels.of(reading, own: own)
    }

    /// The headroom alone: the fullest limit decides. A limit a cut scan
    /// left uncounted may be fuller still: below critical, a probe must
    /// not say OK (or WARNING) without it.
    /// Under WSL 1 and gVisor the figures are not what refuses
    /// (GuestVM.figuresAreNotTheKernels): below critical, nothing is known.
    var level: Level {
        let fullest = usages.map { Level(share: $0.share) }.max { $0.status < $1.status } ?? .ok
        let blind = !uncounted.isEmpty || guest?.figuresAreNotTheKernels == true
        return fullest != .critical && blind ? .unknown : fullest
    }

    /// What the exit status says: the preflight's verdict when one was asked
    /// for (UNKNOWN when no limit it counts could be read, or when one it
    /// counts was left uncounted and the rest leave room), else the level.
    var outcome: Level {
        guard let preflight else { return level }
        guard let tightest = rooms.first else { return .unknown }
        if tightest.room < preflight.needed { return .critical }
        let blind = uncounted.contains { preflight.counts($0.limit) } || guest?.figuresAreNotTheKernels == true
        return blind ? .unknown : .ok
    }

    public var exitStatus: Int32 { outcome.status }

    /// Why limits were left uncounted, each once, in the order found.
    var uncountedReasons: [String] {
        uncounted.reduce(into: []) { if !$0.contains($1.reason) { $0.append($1.reason) } }
    }
}
