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

    var each: String {
        threads.count == 1
            ? "\(threads.lowerBound) threads each" : "\(threads.lowerBound)–\(threads.upperBound) threads each"
    }

    /// The program's processes and threads counted, as a command.
    var countCommand: String {
        "`ps -C \(ShellWord.quoted(comm)) -o nlwp= | awk '{n++; t+=$1} END {print n, \"processes,\", t, \"threads\"}'`"
    }

    /// The first fix: count the program's processes and threads, and cap
    /// each one's pool (what fixed the kata thread: GOMAXPROCS 6 when unset).
    var advice: String { advice(leading: true) }

    /// leading false: another fix comes first (a pid_max the machine has
    /// outgrown, §11.175), and the pool is what to look at next.
    func advice(leading: Bool) -> String {
        let lead = leading ? "Cap the program's threads first:" : "Then see whether one program's pool grew:"
        return
            "\(lead) \(count) of the \(of) top holders are \(comm) processes of \(each), one for each container or job by the look of it, each with a pool that grows with the cores; none holds much, together they fill the PID space. Count them: \(countCommand). Then make each one ask for fewer: a Go program keeps up to GOMAXPROCS threads (the core count by default) running and idle ones are not given back, so `GOMAXPROCS=4` in its environment (kata-proxy and kata-shim set 6 themselves when it is unset); a JVM: `-XX:ParallelGCThreads`, `-XX:CICompilerCount`; Rust's tokio: `TOKIO_WORKER_THREADS`; or the program's own setting for workers."
    }

    /// The same first fix within a limit's scope (a pids cgroup, a uid,
    /// threads-max: docs/kernel-facts.md §11.183): the pool in each copy,
    /// what they hold together of what the limit counts, the program's own
    /// knob, and the limit only after it.
    func advice(in scope: HolderScope) -> String {
        let held = scope.threads(of: comm)
        // A uid's count: every program of the uid, by name; else this one.
        let tally =
            scope.uid.map {
                "`ps -u \($0) -o nlwp=,comm= | awk '{t[$2]+=$1; n[$2]++} END {for (c in t) print t[c], \"threads in\", n[c], c}' | sort -rn | head`"
            } ?? countCommand
        let knob = Self.programKnob(comm) ?? Self.genericKnobs
        return
            "Cap the program's threads first: \(count) \(comm) processes of \(each) hold \(held) of the \(scope.tasks) tasks \(scope.limit) counts (\(scope.among))\(Self.sampleNote(held: held, count: count, tasks: scope.tasks)): each one's pool fills it together with the others, no one process leaks. Count them all: \(tally). Then make each one ask for fewer: \(knob) Raise the limit only past what they need together."
    }

    /// The record keeps only the top holders (the shim's FX_TOP, 8): when
    /// these hold under half of what the limit counts, the rest is most
    /// likely more copies below the top, and "8 hold 264 of the 2048" alone
    /// reads as a small share (docs/kernel-facts.md §11.191: 60 python3
    /// jobs of OpenBLAS's 33 threads filled podman's 2048).
    static func sampleNote(held: Int64, count: Int, tasks: Int64) -> String {
        guard count > 0, held > 0, held * 2 < tasks else { return "" }
        let each = held / Int64(count)
        guard each > 0 else { return "" }
        return
            ", and the record keeps only the top \(topKept) holders: at \(each) threads a process, the \(tasks) tasks are about \(tasks / each) such processes, so more of them most likely run below the top"
    }

    /// How many holders the shim records (CShim/common/model.h FX_TOP).
    static let topKept = 8

    /// Knobs for the pools of any program: Go's, a JVM's, tokio's.
    static let genericKnobs =
        "a Go program keeps up to GOMAXPROCS threads (the core count by default) running, so `GOMAXPROCS=4` in its environment; a JVM: `-XX:ActiveProcessorCount=N`; Rust's tokio: `TOKIO_WORKER_THREADS` for its workers, and its Builder's `max_blocking_threads` (512 by default) for the blocking pool; or the program's own setting for workers."

    /// The pools a program of this name sizes from the cores, and their
    /// knobs, as a clause (docs/kernel-facts.md §11.183); nil for a name not known.
    static func programKnob(_ comm: String) -> String? {
        if comm == "java" {
            return
                "a JVM sizes its GC and JIT compiler threads and its common pool from the cores it sees: `-XX:ActiveProcessorCount=N` caps them all at once (`-XX:ParallelGCThreads`, `-XX:ConcGCThreads`, `-XX:CICompilerCount` one by one); the application's own pools (Tomcat's `maxThreads`, 200 by default; an executor's size) are in its settings, and `jstack PID` names them."
        }
        if comm == "mysqld" || comm == "mariadbd" {
            return
                "mysqld runs a thread for each client connection (`max_connections`, 151 by default) beside its InnoDB and replication threads: lower `max_connections` or pool the clients' connections, and count them with `SHOW STATUS LIKE 'Threads_connected'`."
        }
        if comm == "chrome" || comm.hasPrefix("chromium") {
            return
                "a browser runs a process for each site or page, each with its own threads: open fewer pages at once (a headless one: one browser reused, its pages closed), or cap its renderers with Chromium's `--renderer-process-limit=N`."
        }
        if comm.hasPrefix("python") || comm == "gunicorn" || comm.hasPrefix("celery") || comm == "uwsgi" {
            return
                "numerical libraries in Python start a thread for each core in every process (OpenBLAS, OpenMP: `OPENBLAS_NUM_THREADS=1`, `OMP_NUM_THREADS=1` in the environment), `ThreadPoolExecutor()` without `max_workers` grows to min(32, cores + 4) (Python 3.8+), and gunicorn runs `--workers` × `--threads`."
        }
        return nil
    }
}
