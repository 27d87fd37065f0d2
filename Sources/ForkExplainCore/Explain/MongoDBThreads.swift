/// What mongod's refused threads and its start-up warning say: one thread
/// per connection, counted against the mongod user's RLIMIT_NPROC or a
/// pids limit (docs/kernel-facts.md §11.96).
enum MongoDBThreads {
    static let note =
        "mongod and mongos start one thread per client connection by default (1 MiB of stack each) beside their own few dozen, and each thread is a task of the mongod user: a refused one closes that connection (3.x: \"pthread_create failed: errno:11\", \"can't create new thread, closing connection\"; 4.4 and later: ids 4850900 \"pthread_create failed\" and 22948 \"Thread creation failed\"). The limit is RLIMIT_NPROC of the mongod user, from its unit's LimitNPROC= (MongoDB's packaged mongod.service sets 64000) or, for a mongod started through PAM (an init script, su, a shell), /etc/security/limits.d/*-nproc.conf (EL6's 90-nproc.conf: 1024, EL7's 20-nproc.conf: 4096, for every user but root); or a pids limit: its unit's TasksMax= (a snap's unit), its container's pids.max. MongoDB recommends `ulimit -u 64000`: LimitNPROC=64000 in a drop-in (`systemctl edit mongod`), or `mongod soft nproc 64000` and `mongod hard nproc 64000` in /etc/security/limits.d/99-mongodb-nproc.conf, then restart mongod (docs/kernel-facts.md §11.96)."

    /// mongod 3.x–4.2's `rlimits set to N processes, M files. Number of
    /// processes should be at least K`: N, M and K as printed (K is M / 2,
    /// printed with a fraction when M is odd).
    static func printed(in lower: String) -> (processes: Int64, files: Int64, wanted: String)? {
        guard let range = lower.range(of: "rlimits set to ") else { return nil }
        let words = lower[range.upperBound...].split(separator: " ")
        guard words.count >= 10, let processes = Int64(words[0]), words[1].hasPrefix("processes"),
            let files = Int64(words[2].filter(\.isNumber)), words[3].hasPrefix("files"),
            let at = words.firstIndex(of: "least"), at + 1 < words.count
        else { return nil }
        return (processes, files, String(words[at + 1]))
    }

    /// The note for the numbers printed, naming the file a well-known
    /// default comes from.
    static func printedNote(in lower: String) -> String? {
        guard let limit = printed(in: lower) else { return nil }
        var source = "the mongod user's RLIMIT_NPROC as mongod started"
        if limit.processes == 1024 {
            source = "1024: EL6's /etc/security/limits.d/90-nproc.conf (`* soft nproc 1024`)"
        } else if limit.processes == 4096 {
            source = "4096: EL7's /etc/security/limits.d/20-nproc.conf (`* soft nproc 4096`)"
        }
        return
            "mongod printed its soft RLIMIT_NPROC, \(limit.processes) (\(source)), beside \(limit.files) open files, and asks for at least \(limit.wanted): each connection takes a thread of that count, so with the mongod user's tasks near \(limit.processes) connections are refused. Raise it to MongoDB's 64000 (docs/kernel-facts.md §11.96)."
    }
}
