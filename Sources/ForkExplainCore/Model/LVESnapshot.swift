/// `lve`: the uid's row of CloudLinux's LVE statistics, the per-user
/// container of shared hosting (docs/log-format.md, docs/kernel-facts.md
/// §11.164). Absent on every other kernel; only `version` when the uid has
/// no LVE now.
struct LVESnapshot: Sendable, Encodable, Hashable {
    var version: Int64?
    /// The LVE's id: the user's uid.
    var id: Int64?
    var ep: Int64?
    var epLimit: Int64?
    var epFaults: Int64?
    var nproc: Int64?
    var nprocLimit: Int64?
    var nprocFaults: Int64?
    /// Physical memory, 4 KiB pages.
    var pmemPages: Int64?
    var pmemLimitPages: Int64?
    var pmemFaults: Int64?
    /// Virtual memory, 4 KiB pages.
    var vmemPages: Int64?
    var vmemLimitPages: Int64?
    var vmemFaults: Int64?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case version, id, ep
        case epLimit = "ep_limit"
        case epFaults = "ep_faults"
        case nproc
        case nprocLimit = "nproc_limit"
        case nprocFaults = "nproc_faults"
        case pmemPages = "pmem_pages"
        case pmemLimitPages = "pmem_limit_pages"
        case pmemFaults = "pmem_faults"
        case vmemPages = "vmem_pages"
        case vmemLimitPages = "vmem_limit_pages"
        case vmemFaults = "vmem_faults"
    }

    init() {}

    /// One limited resource of the row: usage, limit (nil when 0, no
    /// limit, or unread) and faults.
    struct Resource: Sendable, Hashable {
        var used: Int64
        var limit: Int64
        var faults: Int64
    }

    private static func resource(_ used: Int64?, _ limit: Int64?, _ faults: Int64?) -> Resource? {
        guard let used, let limit, limit > 0 else { return nil }
        return Resource(used: used, limit: limit, faults: faults ?? 0)
    }

    /// NPROC: the LVE's processes and threads.
    var nprocResource: Resource? { Self.resource(nproc, nprocLimit, nprocFaults) }
    /// PMEM: its resident memory, page cache included (pages).
    var pmemResource: Resource? { Self.resource(pmemPages, pmemLimitPages, pmemFaults) }
    /// VMEM: its virtual memory (pages).
    var vmemResource: Resource? { Self.resource(vmemPages, vmemLimitPages, vmemFaults) }
    /// EP: the processes that entered it (web requests, ssh, cron).
    var epResource: Resource? { Self.resource(ep, epLimit, epFaults) }
}

extension LVESnapshot: TapeDecodable {
    private static let keys = KeyTable(CodingKeys.self)

    init?(tape: JSONTape, at node: Int, losses: inout Int) {
        guard tape.isObject(node) else { return nil }
        self = LVESnapshot()
        for member in tape.children(of: node) {
            switch Self.keys(tape, member) {
            case .version: version = tape.field(member, &losses)
            case .id: id = tape.field(member, &losses)
            case .ep: ep = tape.field(member, &losses)
            case .epLimit: epLimit = tape.field(member, &losses)
            case .epFaults: epFaults = tape.field(member, &losses)
            case .nproc: nproc = tape.field(member, &losses)
            case .nprocLimit: nprocLimit = tape.field(member, &losses)
            case .nprocFaults: nprocFaults = tape.field(member, &losses)
            case .pmemPages: pmemPages = tape.field(member, &losses)
            case .pmemLimitPages: pmemLimitPages = tape.field(member, &losses)
            case .pmemFaults: pmemFaults = tape.field(member, &losses)
            case .vmemPages: vmemPages = tape.field(member, &losses)
            case .vmemLimitPages: vmemLimitPages = tape.field(member, &losses)
            case .vmemFaults: vmemFaults = tape.field(member, &losses)
            case nil: continue
            }
        }
    }
}
