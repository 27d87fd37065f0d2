/// A database server refused by RLIMIT_NPROC of its own user: PostgreSQL's
/// postmaster forks a backend per connection (docs/kernel-facts.md §11.94)
/// and mongod starts a thread per connection (§11.96), each a task of
/// that user, so its connection settings are the count.
enum DatabaseServerNPROC {
    static func finding(_ context: FailureContext, soft: Int64) -> (evidence: String, advice: String)? {
        let name = "RLIMIT_NPROC"
        if let postgres = PostgresBackends.finding(context, limit: soft, limitName: name) {
            return (postgres.evidence, postgres.advice)
        }
        if let mongod = MongoDBConnections.finding(context, limit: soft, limitName: name) {
            return (mongod.evidence, mongod.advice)
        }
        return nil
    }
}
