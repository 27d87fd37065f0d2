/// Ways out of `rlimit_nproc` for someone who cannot raise the limit: a
/// shared server's user whose own shell can no longer fork, and a program
/// whose thread pools follow the cores it sees.
enum NPROCRelief {
    /// The uid's own shell cannot start `ps` or `kill` (each is a fork);
    /// bash's builtin `kill` needs none, and kill(2) with pid -1 signals
    /// every process the caller may signal except init and itself
    /// (docs/kernel-facts.md §11.12), which for an ordinary user is every
    /// other process of the uid.
    static func stuckShell(uid: String) -> String {
        "From a shell of the uid that can no longer fork, `ps` and `/bin/kill` fail too: bash's builtin `kill -9 -1` needs no fork and ends every other process of uid \(uid), this shell excepted (its other logins too); or, as root or another account, `pkill -u \(uid)` (or `pkill -u \(uid) -f NAME` for one program's jobs)."
    }

    /// Threads count against RLIMIT_NPROC like processes (§1.1); runtimes
    /// and build tools size their pools from the visible cores, so a small
    /// limit on a many-core host is reached by one build.
    static func fewerThreads(kind: CallKind) -> String? {
        guard kind == .thread else { return nil }
        return
            "Threads count like processes, and pools sized from the cores outgrow a small limit: when it is not yours to raise, make the program ask for fewer: Go: `GOMAXPROCS=1` (a build: `go build -p 1`), Rust: `cargo build -j 1` or `-C codegen-units=1`, `make -jN`, `OMP_NUM_THREADS` / `OPENBLAS_NUM_THREADS`, a JVM's `-XX:ParallelGCThreads` / `-XX:CICompilerCount`."
    }
}
