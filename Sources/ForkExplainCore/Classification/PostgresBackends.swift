/// PostgreSQL's postmaster refused a fork by a pids limit: it forks a
/// backend per connection, and autovacuum and parallel workers, beside
/// auxiliary processes whose number depends on the major version
/// (docs/kernel-facts.md §11.94). The fix weighs max_connections against
/// the limit with its numbers, not a leak hunt.
struct PostgresBackends {
    /// The binding limit: a level's pids.max, or RLIMIT_NPROC of the
    /// server's user (every backend is that user's task).
    let limit: Int64
    var limitName = "pids.max"
    /// The major version, from the binary's path on the stack (Debian's
    /// /usr/lib/postgresql/15/bin, PGDG's /usr/pgsql-15/bin); nil if none.
    let major: Int?

    /// A fork by the postmaster (comm `postgres`; `postmaster` where it was
    /// started by that name).
    static func finding(
        _ context: FailureContext, limit: Int64, limitName: String = "pids.max"
    ) -> PostgresBackends? {
        guard limit > 0, context.kind == .process, let comm = context.record.process?.comm,
            comm == "postgres" || comm == "postmaster"
        else { return nil }
        let modules = (context.record.backtrace ?? []).compactMap(\.module)
        let major = modules.lazy.compactMap(Self.major(inPath:)).first
        return PostgresBackends(limit: limit, limitName: limitName, major: major)
    }

    /// `15` in /usr/lib/postgresql/15/bin/postgres or /usr/pgsql-15/bin/postgres.
    static func major(inPath path: String) -> Int? {
        guard path.hasSuffix("/bin/postgres") || path.hasSuffix("/bin/postmaster") else { return nil }
        let parts = path.split(separator: "/")
        guard parts.count >= 3 else { return nil }
        let dir = parts[parts.count - 3]
        let digits = dir.hasPrefix("pgsql-") ? dir.dropFirst(6) : dir
        return Int(digits).flatMap { (9...99).contains($0) ? $0 : nil }
    }

    /// The auxiliary processes a running server keeps beside the
    /// postmaster, and their names, by major version; unknown: 18's, the most.
    var auxiliary: (count: Int64, names: String) {
        let five = "checkpointer, background writer, walwriter, autovacuum launcher, logical replication launcher"
        switch major {
        case let major? where major <= 14: return (6, five + ", stats collector")
        case let major? where major <= 17: return (5, five)
        default: return (8, five + ", 3 I/O workers (io_method = worker, io_workers = 3)")
        }
    }

    /// Autovacuum's default autovacuum_max_workers.
    static let autovacuumWorkers: Int64 = 3

    /// Backends left for connections: the postmaster, its auxiliary
    /// processes, the autovacuum workers and one backend that turns away a
    /// connection past max_connections come first.
    var connections: Int64 { limit - 1 - auxiliary.count - Self.autovacuumWorkers - 1 }

    private var version: String {
        major.map { "PostgreSQL \($0)" } ?? "a PostgreSQL whose version the record does not show (counted as 18's)"
    }

    var evidence: String {
        let aux = auxiliary
        return
            "the failing process is \(version)'s postmaster: it forks a backend for every connection, every autovacuum worker (autovacuum_max_workers, default 3) and every parallel worker, beside its \(aux.count) auxiliary processes (\(aux.names)), so \(limitName) \(limit) holds the postmaster, those \(aux.count) and at most \(limit - 1 - aux.count) backends of all kinds, fewer by whatever else runs under it; a connection past max_connections still forks a backend that turns it away (\"sorry, too many clients already\")"
    }

    var advice: String {
        let aux = auxiliary.count
        guard connections >= 4 else {
            return
                "Or raise the limit to what PostgreSQL needs: max_connections + \(Self.autovacuumWorkers) autovacuum workers + the parallel workers in use + \(aux + 2) (the postmaster, \(aux) auxiliary processes and one backend that turns a connection away); \(limitName) \(limit) leaves too few for superuser_reserved_connections (3) and one client."
        }
        return
            "Or size PostgreSQL to the limit: `max_connections = \(connections)` in postgresql.conf (\(limitName) \(limit) − the postmaster − \(aux) auxiliary processes − autovacuum_max_workers \(Self.autovacuumWorkers) − 1 backend that turns away a connection past it), then restart; parallel queries add up to max_parallel_workers (default 8) more, so lower it or raise the limit by as many, and put a pooler (PgBouncer) in front when the clients need more connections than that."
    }
}
