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
              LD_PRELOAD=libother.so forkexplain run make -j64
            """
    )

    @Option(
        help: ArgumentHelp(
            "Log to write and read.", discussion: "Default: $FORKEXPLAIN_LOG, else /tmp/forkexplain-<euid>.jsonl.",
            valueName: "path"))
    var log: String?

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("The command and its arguments.", valueName: "cmd"))
    var command: [String] = []

    func validate() throws {
        if arguments.isEmpty {
            throw ValidationError("missing the command to run: forkexplain run [--log PATH] [--] CMD [ARGS...]")
        }
    }

    /// The command, without the `--` that ends forkexplain's own options.
    var arguments: [String] {
        command.first == "--" ? Array(command.dropFirst()) : command
    }

    func run() throws {
        let shim = try shimForCommand()
        let logPath = log ?? LogLocation.defaultPath()
        let start = LogLocation.size(of: logPath)
        let started = Date()
        let environment = ShimLocator.environment(shim: shim, log: logPath, base: RawStrings.environment())

        let child = try ChildProcess.spawn(RawStrings.argumentsEnding(with: arguments), environment: environment)
        let termination = child.wait()

        reportRun(logPath: logPath, start: start, started: started)
        if case .signaled(let signal) = termination { InheritedSignals.die(of: signal) }
        throw ExitCode(termination.shellStatus)
    }

    /// The build of the shim the command's C library needs (docs/libc-facts.md §5),
    /// said on stderr when it is not the usual glibc one. A static executable
    /// gets none itself; the glibc library stays in its children's LD_PRELOAD.
    private func shimForCommand() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"]
        switch CommandLibC.of(command: arguments[0], path: path) {
        case .musl(let program, let loader):
            StandardError.write(
                "forkexplain: \(program) runs on musl (\(loader)): preloading \(ShimLocator.muslFileName); "
                    + "programs it starts that run on glibc are not recorded")
            return try ShimLocator.locate(musl: true)
        case .staticExecutable(let program):
            StandardError.write(
                "forkexplain: \(program) is statically linked: no library can be preloaded into it, so its own "
                    + "failures are not recorded (those of dynamically linked programs it starts are); "
                    + "`forkexplain watch` (as root) records every failed fork and clone on the host, static programs included"
            )
            return try ShimLocator.locate()
        case .glibc, .undetermined:
            return try ShimLocator.locate()
        }
    }

    /// Prints what was appended to the log during the run. A log that cannot
    /// be read is mentioned but does not replace the command's exit status.
    private func reportRun(logPath: String, start: UInt64, started: Date) {
        guard logPath != LogSource.standardInput else { return }  // "-": records went to stderr already
        if let reason = LogOwnership.unwritableReason(logPath) {
            // Not "no failure": the shim had nowhere to say there was one.
            StandardError.write(
                "forkexplain: the log \(logPath) could not be written (\(reason)): failures during the run "
                    + "were not recorded; name a log you own with --log PATH")
            return
        }
        // After a doubt about the log, its silence proves nothing.
        var nothingFailed = "no process or thread creation failed"
        if let reason = LogOwnership.foreignOwnerReason(logPath) {
            nothingFailed = "no failure was recorded in \(logPath)"
            // Read anyway: an older shim writes to a root-owned log.
            StandardError.write(
                "forkexplain: warning: the log \(logPath) may not have been written (\(reason)): failures "
                    + "during the run may be missing; name a log you own with --log PATH")
        }
        guard LogLocation.exists(logPath) else {
            StandardError.write("forkexplain: \(nothingFailed)")
            return
        }
        // A log rotated or truncated during the run is read from its start.
        let offset = LogLocation.size(of: logPath) >= start ? start : 0
        do {
            let report = try ReportBuilder().build(from: [LogSource(path: logPath, offset: offset)])
            if report.events.isEmpty {
                StandardError.write("forkexplain: \(nothingFailed)")
            } else {
                let symbols = report.symbols(using: LLVMSymbolizer.best())
                StandardError.write(
                    TextRenderer(symbols: symbols, detail: .brief).render(report)
                        + "(all of it: forkexplain report --since \(ISO8601DateFormatter().string(from: started)) \(logPath))"
                )
            }
        } catch {
            StandardError.write("forkexplain: \(error)")
        }
    }
}
