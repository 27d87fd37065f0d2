/// `beancounters`: the rows of `/proc/user_beancounters` that can refuse a
/// fork on an OpenVZ / Virtuozzo kernel (docs/log-format.md,
/// docs/kernel-facts.md §11.1). Absent on every other kernel.
struct BeancountersSnapshot: Sendable, Encodable, Hashable {
    var ctid: Int64?
    var numproc: BeancounterRow?
    var privvmpages: BeancounterRow?
    var kmemsize: BeancounterRow?
    var physpages: BeancounterRow?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case ctid, numproc, privvmpages, kmemsize, physpages
    }

    init() {}
}

/// One resource: its usage now and at most, its barrier and limit (equal
/// for numproc; LONG_MAX when unlimited) and how often it refused.
struct BeancounterRow: Sendable, Encodable, Hashable {
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

    /// The limit, nil when unlimited or unknown.
    var finiteLimit: Int64? {
        guard let limit, limit < Self.unlimited else { return nil }
        return limit
    }
}
