/// A database server refused by the task limit that binds it, RLIMIT_NPROC
/// of its own user or a pids cgroup: PostgreSQL's postmaster forks a
/// backend per connection (docs/kernel-facts.md §11.94) and mongod starts a
/// thread per connection (§11.96), so its connection settings are the
/// count under either.
enum DatabaseServerLimit {
    /// `limitName`: how the evidence names the limit (`RLIMIT_NPROC`,
    /// `pids.max`).
    static func finding(_ context: FailureContext, limit: Int64, limitName: String)
        -> (evidence: String, advice: String)?
    {
        if let postgres = PostgresBackends.finding(context, limit: limit, limitName: limitName) {
            return (postgres.evidence, postgres.advice)
        }
        if let mongod = MongoDBConnections.finding(context, limit: limit, limitName: limitName) {
            return (mongod.evidence, mongod.advice)
        }
        return nil
    }
}
