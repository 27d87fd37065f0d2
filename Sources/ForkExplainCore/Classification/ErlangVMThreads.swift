/// The Erlang VM (beam.smp) refused a thread by a pids limit. It starts a
/// set of threads sized from the cores before it runs any code (a
/// scheduler and a dirty CPU scheduler per core, 10 dirty I/O schedulers,
/// its async pool) and aborts when one is refused (docs/kernel-facts.md
/// §11.80): the limit must hold that set or the VM must start fewer, its
/// own flags, not a leak hunt.
struct ErlangVMThreads {
    /// The VM's threads when it was refused, when top.holders lists it.
    let threads: Int64?

    static let comms: Set<String> = ["beam.smp", "beam"]

    static func finding(_ context: FailureContext) -> ErlangVMThreads? {
        guard let process = context.record.process, let comm = process.comm, comms.contains(comm),
            context.kind == .thread
        else { return nil }
        let own = context.record.top?.holders?.first { $0.pid == process.pid }?.threads
        return ErlangVMThreads(threads: own)
    }

    var evidence: String {
        let held = threads.map { ", holding \(Quantity.threads($0)) when refused" } ?? ""
        return
            "the failing process is the Erlang VM (beam.smp\(held)): it starts a scheduler and a dirty CPU scheduler per core it sees, 10 dirty I/O schedulers and its async pool before running any code, and aborts when one is refused"
    }

    static let advice =
        "Or start the VM with fewer threads: `ERL_FLAGS=\"+S 1:1 +SDcpu 1:1 +SDio 1 +A 1\"` (schedulers, dirty CPU and dirty I/O schedulers, async pool; give the cores the limit's owner means it to use); RabbitMQ takes them in `RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS`, and 3.6 to 3.8.9 sized their I/O pool from the cores unless `RABBITMQ_IO_THREAD_POOL_SIZE` was set."
}
