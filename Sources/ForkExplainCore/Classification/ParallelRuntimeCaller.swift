/// A thread refused to an OpenMP runtime or OpenBLAS: the frame that
/// called pthread_create is in libgomp, libomp/libiomp5 or libopenblas,
/// whose team is sized from the cores unless told (docs/kernel-facts.md
/// §11.134). Beside a task limit's verdict, its own knob joins the advice,
/// with the threads the process held when the next one was refused: the
/// team that fitted.
struct ParallelRuntimeCaller {
    enum Runtime: Equatable {
        case libgomp, llvmOpenMP, openBLAS
    }

    let runtime: Runtime
    let module: String
    /// The failing process's threads when it failed (top.holders), nil
    /// when the snapshot did not list it.
    let threads: Int64?

    /// The library by its file name: a wheel's vendored copy keeps the
    /// name's start (`libgomp-a34b3233.so.1`, `libopenblasp-r0-….so`).
    static func runtime(ofModule name: String) -> Runtime? {
        if name.hasPrefix("libgomp") { return .libgomp }
        if name.hasPrefix("libomp") || name.hasPrefix("libiomp") { return .llvmOpenMP }
        if name.hasPrefix("libopenblas") { return .openBLAS }
        return nil
    }

    /// Only beside the verdicts of a task limit: a team that a memory or
    /// namespace verdict refused needs that verdict's fix.
    static func finding(_ context: FailureContext, verdict: VerdictID) -> ParallelRuntimeCaller? {
        guard context.kind == .thread, verdict == .cgroupPidsLimit || verdict == .rlimitNPROC,
            let module = context.record.backtrace?.first?.module
        else { return nil }
        let name = module.split(separator: "/").last.map(String.init) ?? module
        guard let runtime = runtime(ofModule: name) else { return nil }
        let pid = context.record.process?.pid
        let threads = context.record.top?.holders?.first { $0.pid != nil && $0.pid == pid }?.threads
        return ParallelRuntimeCaller(runtime: runtime, module: name, threads: threads)
    }

    private var library: String {
        switch runtime {
        case .libgomp: return "GCC's OpenMP runtime"
        case .llvmOpenMP: return "LLVM's (Intel's) OpenMP runtime"
        case .openBLAS: return "OpenBLAS"
        }
    }

    private var knob: String {
        runtime == .openBLAS ? "OPENBLAS_NUM_THREADS" : "OMP_NUM_THREADS"
    }

    var evidence: String {
        let held =
            threads.map { ", and the process held \($0) thread\($0 == 1 ? "" : "s") when the next was refused" } ?? ""
        let what =
            runtime == .openBLAS
            ? "OpenBLAS starts one thread per core when it loads (blas_thread_init), in every process that loads it"
            : ComputeWorkerFacts.openMPTeam
        return "pthread_create was called from \(module), \(library): \(what)\(held)"
    }

    var advice: String {
        let fits = threads.map { " (`\(knob)=\($0)` is the team that fitted here, the calling thread included)" } ?? ""
        return
            "Or size the team to the limit: `\(knob)=N` in the program's environment\(fits), fewer where several processes each load it: \(ComputeWorkerFacts.workerProcesses); \(ComputeWorkerFacts.openMPKnobs) (docs/kernel-facts.md §11.134)."
    }
}
