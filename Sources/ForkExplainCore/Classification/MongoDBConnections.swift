/// mongod or mongos refused a thread: it starts one per client connection
/// beside its own few dozen, each a task of the mongod user, so the
/// connections are what fills RLIMIT_NPROC or a pids limit, and MongoDB
/// names the size it wants (docs/kernel-facts.md §11.96).
struct MongoDBConnections {
    /// The binding limit and its name (`RLIMIT_NPROC`, `pids.max`).
    let limit: Int64
    let limitName: String
    /// The systemd unit mongod runs in, where known.
    var unit: String? = nil

    static func finding(_ context: FailureContext, limit: Int64, limitName: String) -> MongoDBConnections? {
        guard limit > 0, context.kind == .thread, let comm = context.record.process?.comm,
            comm == "mongod" || comm == "mongos"
        else { return nil }
        return MongoDBConnections(limit: limit, limitName: limitName, unit: context.identity.systemdUnit)
    }

    /// MongoDB's recommended `ulimit -u`, which its mongod.service sets.
    static let recommended: Int64 = 64000

    var evidence: String {
        "the failing process is MongoDB's \(limitName == "pids.max" ? "server" : "server, its user's tasks counted"): it starts a thread for every client connection (1 MiB of stack each) beside its own few dozen, so \(limitName) \(limit) caps its connections and its own threads together; a refused thread closes that connection (\"pthread_create failed\", \"Thread creation failed\" in its log)"
    }

    /// Where TasksMax= goes: the unit mongod runs in; a snap's unit file is
    /// snapd's, written again at every refresh, so only a drop-in lasts
    /// (docs/kernel-facts.md §11.193: snap.charmed-mongodb.mongod.service).
    var editing: String {
        guard let unit, SystemdUnit.isUnit(unit) else {
            return "`systemctl edit mongod`, or the unit a snap or charm installs"
        }
        let quoted = ShellWord.quoted(unit)
        let snap =
            unit.hasPrefix("snap.")
            ? ", a drop-in: snapd generates \(unit) and writes it again at every refresh of the snap, and a change to the unit file itself is lost then"
            : ""
        return "`systemctl edit \(quoted)`, `[Service]` `TasksMax=infinity`\(snap)"
    }

    var advice: String {
        if limitName == "pids.max" {
            return
                "Or lift the limit for mongod: MongoDB's mongod.service sets `TasksMax=infinity` (\(editing)); a container's `--pids-limit` must hold the connections the clients' pools open (their maxPoolSize × instances) and mongod's own threads; cap the pools when it cannot."
        }
        return
            "Raise it to MongoDB's recommended \(Self.recommended) (`ulimit -u \(Self.recommended)`): `LimitNPROC=\(Self.recommended)` in a drop-in (`systemctl edit mongod`, as MongoDB's own mongod.service sets it), or `mongod soft nproc \(Self.recommended)` and `mongod hard nproc \(Self.recommended)` in /etc/security/limits.d/99-mongodb-nproc.conf for a mongod started through PAM (an init script, su), then restart mongod: the limit is read once at start."
    }
}
