/// Evidence lines about who holds PIDs: the top holders and unreaped zombies.
enum HolderEvidence {
    /// docs/kernel-facts.md §5: a few hundred zombies, or any process sitting on unreaped
    /// children, are worth naming.
    static let manyZombies: Int64 = 100

    static func lines(_ top: TopSnapshot?) -> [String] {
        guard let top else { return [] }
        var lines: [String] = []
        if let holders = top.holders, !holders.isEmpty {
            let list = holders.prefix(5).map { holder in
                "\(holder.comm ?? "?") (pid \(holder.pid.map(String.init) ?? "?")): "
                    + Quantity.threads(holder.threads ?? 0)
                    + ((holder.zombies ?? 0) > 0 ? ", \(holder.zombies ?? 0) zombies" : "")
            }
            lines.append("top PID holders (top.holders): \(list.joined(separator: "; "))")
        }
        let reapers = (top.holders ?? []).filter { ($0.zombies ?? 0) > 0 }
        if let zombies = top.zombies, zombies >= manyZombies || !reapers.isEmpty {
            let who = reapers.map {
                "\($0.comm ?? "?") (pid \($0.pid.map(String.init) ?? "?"), \($0.zombies ?? 0) unreaped)"
            }
            let parents = who.isEmpty ? "" : "; not reaping: \(who.joined(separator: ", "))"
            lines.append("\(zombies) zombies hold PIDs (top.zombies)\(parents)")
        }
        if top.complete == false {
            lines.append("the /proc scan ran out of time (top.complete false): holders may be missing")
        }
        return lines
    }

    /// Fewer unreaped children than this are a parent between a child's exit
    /// and its wait(), not one that does not reap.
    static let fewZombies: Int64 = 5

    /// The fix when a parent sits on unreaped children (docs/kernel-facts.md
    /// §5): they hold PIDs, count in pids.current, and only a wait() frees them.
    /// Only as the first fix when they are a share of the `tasks` the limit
    /// counts (a twentieth): a host process's one zombie is no reason to look
    /// away from what filled a container's cgroup.
    static let reapPrefix = "Reap the zombies first"

    /// The parent whose unreaped children are at least half of the `tasks`
    /// the binding limit counts (and no more than them, so they can be
    /// the level's): the leak itself, which a higher limit only lets grow
    /// (docs/kernel-facts.md §11.167). The evidence line, or nil.
    static func zombiesFill(_ top: TopSnapshot?, tasks: Int64) -> String? {
        let reapers = (top?.holders ?? []).filter { ($0.zombies ?? 0) > 0 }
        guard let worst = reapers.max(by: { ($0.zombies ?? 0) < ($1.zombies ?? 0) }), tasks > 0 else { return nil }
        let zombies = worst.zombies ?? 0
        guard zombies >= manyZombies, zombies * 2 >= tasks, zombies <= tasks else { return nil }
        let who = "\(worst.comm ?? "?") (pid \(worst.pid.map(String.init) ?? "?"))"
        return
            "\(who)'s \(zombies) unreaped children are \(zombies * 100 / tasks) % of the \(tasks) tasks the limit counts: they are what filled it, and a higher limit only postpones the next refusal while they are not reaped"
    }

    static func reapAdvice(_ top: TopSnapshot?, tasks: Int64?) -> String? {
        let reapers = (top?.holders ?? []).filter { ($0.zombies ?? 0) > 0 }
        guard let worst = reapers.max(by: { ($0.zombies ?? 0) < ($1.zombies ?? 0) }) else { return nil }
        let zombies = worst.zombies ?? 0
        guard zombies >= manyZombies || (zombies >= fewZombies && zombies * 20 >= (tasks ?? 0)) else { return nil }
        // The scan covers the PID namespace, not the level: a parent with
        // more unreaped children than the level counts in all has them
        // elsewhere (the host's init, seen from a small cgroup).
        if let tasks, zombies > tasks { return nil }
        let who = "\(worst.comm ?? "?") (pid \(worst.pid.map(String.init) ?? "?"))"
        let pidOne =
            worst.pid == 1
            ? " It is PID 1 of its namespace, so every orphan is reparented to it: run a real init in front of it (`docker run --init`, tini, dumb-init; Kubernetes `shareProcessNamespace` gives the pause container as init)."
            : ""
        return
            "\(reapPrefix): \(who) has \(worst.zombies ?? 0) unreaped children, each holding its PID until the parent calls wait().\(pidOne)"
    }
}
