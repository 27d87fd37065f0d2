/// Many processes of one program, each holding a pool of threads: one a
/// container or a job, each pool sized from the cores. None holds much of
/// the PID space, yet together they fill it, and "many processes hold one
/// each" misreads them (docs/kernel-facts.md §11.171: a kata-proxy of 60 to
/// 88 threads for each of 1000 containers on 88 cores, pid_max 90122).
struct PooledHolders: Equatable {
    let comm: String
    /// How many of the top holders are this program's, of how many.
    let count: Int, of: Int
    /// The fewest and the most threads one of them holds.
    let threads: ClosedRange<Int64>

    /// A pool worth naming: more threads than a process needs for itself.
    static let poolThreads: Int64 = 16
    /// Top holders of one name that make it a pattern, not a coincidence.
    static let sameName = 3

    /// The name most of the top holders share when at least `sameName` of
    /// them do and each of those holds `poolThreads` threads or more.
    static func find(_ top: TopSnapshot?) -> PooledHolders? {
        let holders = top?.holders ?? []
        let named = Dictionary(grouping: holders.filter { $0.comm != nil }, by: { $0.comm ?? "" })
        guard let (comm, group) = named.max(by: { $0.value.count < $1.value.count }), group.count >= sameName
        else { return nil }
        let threads = group.map { $0.threads ?? 0 }
        guard let fewest = threads.min(), let most = threads.max(), fewest >= poolThreads else { return nil }
        return PooledHolders(comm: comm, count: group.count, of: holders.count, threads: fewest...most)
    }

    /// The first fix: count the program's processes and threads, and cap
    /// each one's pool (what fixed the kata thread: GOMAXPROCS 6 when unset).
    var advice: String { advice(leading: true) }

    /// leading false: another fix comes first (a pid_max the machine has
    /// outgrown, §11.175), and the pool is what to look at next.
    func advice(leading: Bool) -> String {
        let each =
            threads.count == 1
            ? "\(threads.lowerBound) threads each" : "\(threads.lowerBound)–\(threads.upperBound) threads each"
        let lead = leading ? "Cap the program's threads first:" : "Then see whether one program's pool grew:"
        return
            "\(lead) \(count) of the \(of) top holders are \(comm) processes of \(each), one for each container or job by the look of it, each with a pool that grows with the cores; none holds much, together they fill the PID space. Count them: `ps -C \(ShellWord.quoted(comm)) -o nlwp= | awk '{n++; t+=$1} END {print n, \"processes,\", t, \"threads\"}'`. Then make each one ask for fewer: a Go program keeps up to GOMAXPROCS threads (the core count by default) running and idle ones are not given back, so `GOMAXPROCS=4` in its environment (kata-proxy and kata-shim set 6 themselves when it is unset); a JVM: `-XX:ParallelGCThreads`, `-XX:CICompilerCount`; Rust's tokio: `TOKIO_WORKER_THREADS`; or the program's own setting for workers."
    }
}
