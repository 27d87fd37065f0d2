/// One process, without zombie children, that holds half or more of the
/// tasks a limit counts: its own pools are what filled it, and the holders
/// of a task or two beside it are not worth naming (docs/kernel-facts.md
/// §11.174 for pid_max; §11.184 for a pids cgroup, RLIMIT_NPROC and
/// threads-max: a JVM of ~1000 threads in a pod's 1024).
struct DominantHolder {
    let holder: PIDHolder
    let held: Int64
    let tasks: Int64

    /// The first of `holders` (most first), when it holds half of `tasks`
    /// or more and no more than them (else it is not the limit's).
    static func find(_ holders: [PIDHolder], tasks: Int64) -> DominantHolder? {
        guard let first = holders.first, (first.zombies ?? 0) == 0, let threads = first.threads, tasks > 0,
            threads * 2 >= tasks, threads <= tasks
        else { return nil }
        return DominantHolder(holder: first, held: threads, tasks: tasks)
    }

    /// "One process holds most of them: java (pid 1400) has 30620 threads,
    /// 94 % of the 32468. ..." `what` names what is held ("them", "what
    /// pids.max of /x counts").
    func advice(of what: String) -> String {
        let pid = holder.pid.map(String.init) ?? "PID"
        let name = holder.comm ?? "?"
        let knob = PooledHolders.programKnob(name).map { " " + $0.prefix(1).uppercased() + $0.dropFirst() } ?? ""
        return
            "One process holds most of \(what): \(name) (pid \(pid)) has \(Quantity.threads(held)), \(Quantity.percent(held, of: tasks)) of the \(tasks). Name its pools by thread name, `ps -L -o comm= -p \(pid) | sort | uniq -c | sort -rn | head` (a JVM: `jstack \(pid)`), then cap the pool that grew (a thread for each connection, session or job is the usual one) or fix the leak; stopping the process frees them at once.\(knob)"
    }
}
