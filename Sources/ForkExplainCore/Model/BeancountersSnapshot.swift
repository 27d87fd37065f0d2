/// `beancounters`: the rows of `/proc/user_beancounters` that can refuse a
/// fork on an OpenVZ / Virtuozzo kernel (docs/log-format.md,
/// docs/kernel-facts.md §11.1). Absent on every other kernel.
struct BeancountersSnapshot: Sendable, Codable, Hashable {
    var ctid: Int64?
    var numproc: BeancounterRow?
    var privvmpages: BeancounterRow?
    var kmemsize: BeancounterRow?
    var physpages: BeancounterRow?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case ctid, numproc, privvmpages, kmemsize, physpages
    }

    init() {}

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ctid = container.lenient(Int64.self, .ctid)
        numproc = container.lenient(BeancounterRow.self, .numproc)
        privvmpages = container.lenient(BeancounterRow.self, .privvmpages)
        kmemsize = container.lenient(BeancounterRow.self, .kmemsize)
        physpages = container.lenient(BeancounterRow.self, .physpages)
    }
}

/// One resource: its usage now and at most, its barrier and limit (equal
/// for numproc; LONG_MAX when unlimited) and how often it refused.
struct BeancounterRow: Sendable, Codable, Hashable {
    /// LONG_MAX: the kernel's "unlimited".
    static let unlimited: Int64 = .max

    var held: Int64?
    var maxheld: Int64?
    var barrier: Int64?
    var limit: Int64?
    var failcnt: Int64?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case held, maxheld, barrier, limit, failcnt
    }

    init(held: Int64? = nil, limit: Int64? = nil, failcnt: Int64? = nil) {
        self.held = held
        self.limit = limit
        self.failcnt = failcnt
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        held = container.lenient(Int64.self, .held)
        maxheld = container.lenient(Int64.self, .maxheld)
        barrier = container.lenient(Int64.self, .barrier)
        limit = container.lenient(Int64.self, .limit)
        failcnt = container.lenient(Int64.self, .failcnt)
    }

    /// The limit, nil when unlimited or unknown.
    var finiteLimit: Int64? {
        guard let limit, limit < Self.unlimited else { return nil }
        return limit
    }
}
