import ArgumentParser
import CForkExplainWatch

#if canImport(Glibc)
    import Glibc
#endif

struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Record every failed process or thread creation on this host, from any program.",
        discussion: """
            Root. Sees the kernel's failed clone, clone3, fork and vfork system calls \
            through perf_event_open, filtered in the kernel: with a return probe on \
            kernel_clone where the kernel has kprobes (only task creation pays; an \
            entry probe there gives the clone flags, so a record says thread, \
            process or vfork), else with the syscall exit tracepoints (every \
            system call on the host then \
            takes the kernel's slow path); tracefs is mounted if it is not. The first \
            line says which runs and why. It snapshots the failing task from the \
            host's point of view, so a limit a \
            container cannot see is named. Static binaries and Go programs included. \
            Without tracing it falls back to the pids cgroups' counters and says what \
            it cannot see. Runs in the foreground until SIGTERM or SIGINT, writing \
            the counted failures on the way out. Read the log with `forkexplain \
            report`, together with shim logs: a failure both saw is shown once.

            Examples:
              sudo forkexplain watch
              sudo forkexplain watch --log /var/log/forkexplain/ --quiet
              forkexplain report /var/log/forkexplain/
            """
    )

    static let defaultLog = "/var/log/forkexplain/watch.jsonl"

    @Option(
        help: ArgumentHelp(
            "The log to append to ('-' for standard error); %h is the host name.",
            discussion: "A directory ending in '/' is the node's log directory: watch writes watch.jsonl "
                + "there and makes it 1777, for the shims' forkexplain-<uid>.jsonl."))
    var log: String = WatchCommand.defaultLog

    @Option(
        name: .customLong("once-per-ms"),
        help: "At most one snapshot per process, call and errno in this many ms; the others are counted.")
    var oncePerMs: Int = 100

    @Option(name: .customLong("max-log-mb"), help: "Move the log to LOG.1 when it would grow past this size.")
    var maxLogMb: Int = 64

    @Option(
        name: .customLong("max-per-second"),
        help: "At most this many snapshots a second over all processes (0: no bound); the others are counted.")
    var maxPerSecond: Int = 20

    @Flag(help: "No line per failure on standard error.")
    var quiet = false

    func validate() throws {
        guard (0...86_400_000).contains(oncePerMs) else {
            throw ValidationError("--once-per-ms must be between 0 and 86400000")
        }
        guard (0...100_000).contains(maxPerSecond) else {
            throw ValidationError("--max-per-second must be between 0 and 100000")
        }
        guard (1...1_048_576).contains(maxLogMb) else {
            throw ValidationError("--max-log-mb must be between 1 and 1048576")
        }
    }

    func run() throws {
        let status = log.withCString { path in
            var options = fx_watch_options(
                log_path: path, interval_ms: Int32(oncePerMs), quiet: quiet ? 1 : 0,
                max_log_bytes: maxLogMb << 20, max_per_second: Int32(maxPerSecond))
            return fx_watch_run(&options)
        }
        // fx_watch_run has said why on standard error.
        if status != 0 { throw ExitCode(CommandFailure.usageStatus) }
    }
}
