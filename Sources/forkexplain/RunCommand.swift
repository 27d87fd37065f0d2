import ArgumentParser
import ForkExplainCore
import Foundation

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a command under the shim and report what failed to start.",
        discussion: """
            Preloads libforkexplain.so into CMD and everything it starts \
            (libforkexplain-musl.so when CMD runs on musl; nothing into a static CMD), waits for it \
            (forwarding SIGINT, SIGTERM, SIGHUP and SIGQUIT), then prints to stderr a \
            short report of the failures recorded during the run, and exits with CMD's \
            status, or dies of the signal that killed CMD. CMD gets the arguments, \
            environment, ignored signals and signal mask forkexplain was given, byte for \
            byte.

            Examples:
              forkexplain run -- java -jar app.jar
              forkexplain run --log /var/tmp/app.jsonl ./start-workers.sh 64
              forkexplain run --log '/var/tmp/app.%p.jsonl' ./start-workers.sh 64
              LD_PRELOAD=libother.so forkexplain run make -j64
              forkexplain run --color always -- ./start-workers.sh 64 2>&1 | less -R
            """
    )

    @Option(
        help: ArgumentHelp(
            "Log to write and read: a file, a name with %p (pid), %u (euid) or %h (host), or a per-node "
                + "directory ending in '/'.",
            discussion: "Default: $FORKEXPLAIN_LOG, else /tmp/forkexplain-<euid>.jsonl.", valueName: "path"))
    var log: String?

    @Option(help: "Color the report on stderr: auto (a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorChoice = .auto

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("The command and its arguments.", valueName: "cmd"))
    var command: [String] = []

    func validate() throws {
        // The passthrough argument takes every word after run's own options,
        // so `run --help` would otherwise try to run a program named --help.
        if let first = command.first, first != "--", first.hasPrefix("-") {
            if ["-h", "--help", "-help"].contains(first) { throw CleanExit.helpRequest(self) }
            throw ValidationError(
                "unknown option '\(first)' for run; a command whose name begins with '-' goes after '--': "
                    + "forkexplain run [--log PATH] [--color WHEN] -- CMD [ARGS...]")
        }
        if arguments.isEmpty {
            throw ValidationError("missing the command to run: forkexplain run [--log PATH] [--] CMD [ARGS...]")
        }
    }

    /// The command, without the `--` that ends forkexplain's own options.
    var arguments: [String] {
        command.first == "--" ? Array(command.dropFirst()) : command
    }

    func run() throws {
        let (shim, staticProgram) = try shimForCommand()
        // The shim expands the template in each process it runs in.
        let template = log ?? LogLocation.template()
        let start = Dictionary(
            Self.logFiles(of: template).map { ($0, LogLocation.size(of: $0)) }, uniquingKeysWith: { a, _ in a })
        let started = Date()
        let environment = ShimLocator.environment(shim: shim, log: template, base: RawStrings.environment())

        let child = try ChildProcess.spawn(RawStrings.argumentsEnding(with: arguments), environment: environment)
        // While the command runs: the tasks this process holds then are
        // the ones its limits counted beside the command's.
        let runner = RunnerTasks.now()
        let termination = child.wait()

        reportRun(template: template, start: start, started: started, staticProgram: staticProgram, runner: runner)
        if case .signaled(let signal) = termination { InheritedSignals.die(of: signal) }
        throw ExitCode(termination.shellStatus)
    }

    /// The build of the shim the command's C library needs (docs/libc-facts.md §5),
    /// said on stderr when it is not the usual glibc one. A static executable
    /// gets none itself; the glibc library stays in its children's LD_PRELOAD,
    /// and its path is returned so that the end of the run can say why the
    /// log may be silent.
    private func shimForCommand() throws -> (shim: String, staticProgram: String?) {
        let path = ProcessInfo.processInfo.environment["PATH"]
        switch CommandLibC.of(command: arguments[0], path: path) {
        case .musl(let program, let loader):
            let machine = ELFMachine.of(file: program)
            let shim = try ShimLocator.locate(musl: true, machine: machine, program: program)
            // Another architecture's build is named by its path.
            let named = ShimLocator.isForeign(machine) ? shim : ShimLocator.muslFileName
            StandardError.write(
                "forkexplain: \(program) runs on musl (\(loader)): preloading \(named); "
                    + "programs it starts that run on glibc are not recorded")
            return (shim, nil)
        case .staticExecutable(let program):
            StandardError.write(
                "forkexplain: \(program) is statically linked: no library can be preloaded into it, so its own "
                    + "failures are not recorded (those of dynamically linked programs it starts are); "
                    + "`forkexplain watch` (as root) records every failed fork and clone on the host, static programs included"
            )
            return (try ShimLocator.locate(), program)
        case .glibc(let program, _):
            return (try ShimLocator.locate(machine: ELFMachine.of(file: program), program: program), nil)
        case .undetermined:
            return (try ShimLocator.locate(), nil)
        }
    }

    /// The files the command's processes may have written: the one log, every
    /// log of a per-node directory (a process may change its uid), or every
    /// file a `%p` gives (each process writes its own).
    static func logFiles(of template: String) -> [String] {
        let name = LogNameTemplate(template)
        if name.isDirectory {
            let directory = name.expanded(pid: nil, uid: geteuid(), host: LogLocation.hostName())
            return ((try? LogDirectory.logs(in: directory)) ?? []).map(\.path)
        }
        return LogLocation.paths(of: template).filter(LogLocation.exists)
    }

    /// Prints what was appended to the logs during the run. A log that cannot
    /// be read is mentioned but does not replace the command's exit status.
    private func reportRun(
        template: String, start: [String: UInt64], started: Date, staticProgram: String?, runner: RunnerTasks?
    ) {
        guard template != LogSource.standardInput else { return }  // "-": records went to stderr already
        let name = LogNameTemplate(template)
        let own = LogLocation.ownFile(of: template)
        let directory = LogLocation.directory(of: own)
        if let reason = LogOwnership.unwritableReason(own)
            ?? (name.isDirectory ? LogOwnership.unsafeDirectoryReason(directory) : nil)
        {
            // Not "no failure": the shim had nowhere to say there was one.
            StandardError.write(
                "forkexplain: the log \(own) could not be written (\(reason)): failures during the run "
                    + "were not recorded; name a log you own with --log PATH")
            return
        }
        // After a doubt about the log, its silence proves nothing.
        var nothingFailed = "no process or thread creation failed"
        if let staticProgram {
            // Its own failures never reach the shim: silence is not "none failed".
            nothingFailed =
                "nothing was recorded, but \(staticProgram) is statically linked and its own failures cannot be: "
                + "if it said it could not start a process or thread, `forkexplain explain 'ITS MESSAGE'` reads the "
                + "message, and `sudo forkexplain watch` records the next failure from the kernel"
        }
        if let reason = LogOwnership.foreignOwnerReason(own) {
            nothingFailed = "no failure was recorded in \(own)"
            // Read anyway: an older shim writes to a root-owned log.
            StandardError.write(
                "forkexplain: warning: the log \(own) may not have been written (\(reason)): failures "
                    + "during the run may be missing; name a log you own with --log PATH")
        }
        let files = Self.logFiles(of: template)
        guard !files.isEmpty else {
            StandardError.write("forkexplain: \(nothingFailed)")
            return
        }
        // A log rotated or truncated during the run is read from its start.
        let sources = files.map { path -> LogSource in
            let before = start[path] ?? 0
            return LogSource(path: path, offset: LogLocation.size(of: path) >= before ? before : 0)
        }
        let shown = name.isDirectory || name.variesByProcess ? directory : own
        do {
            let report = try ReportBuilder().build(from: sources)
            if report.events.isEmpty {
                StandardError.write("forkexplain: \(nothingFailed)")
            } else {
                let symbols = report.symbols(using: LLVMSymbolizer.best())
                let own = (runner?.notes(for: report) ?? []).map { "Counted: \($0).\n" }.joined()
                StandardError.write(
                    TextRenderer(symbols: symbols, detail: .brief, style: color.styleForStandardError()).render(report)
                        + own
                        + "(all of it: forkexplain report --since \(ISO8601DateFormatter().string(from: started)) \(shown))"
                )
            }
        } catch {
            StandardError.write("forkexplain: \(error)")
        }
    }
}
