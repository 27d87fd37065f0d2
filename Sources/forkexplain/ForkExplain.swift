import ArgumentParser
import ForkExplainCore

#if canImport(Glibc)
    import Glibc
#endif

@main
struct ForkExplain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forkexplain",
        abstract: "Explain why a program could not start a process or a thread.",
        discussion: """
            "Cannot allocate memory" and "Resource temporarily unavailable" from fork, \
            posix_spawn or pthread_create rarely mean memory: a PID space, a cgroup, \
            a resource limit or a PID namespace said no. Run the program under the \
            preloaded shim, then read the verdict, the evidence and the fix.

            Examples:
              forkexplain run -- java -jar app.jar
              forkexplain report --format markdown /tmp/forkexplain-1000.jsonl
              forkexplain explain 'fork: retry: Resource temporarily unavailable'
              forkexplain check --pid $(pidof -s java)
              forkexplain demo
            """,
        version: "0.1.0",
        subcommands: [
            RunCommand.self, ReportCommand.self, CheckCommand.self, ExplainCommand.self, DemoCommand.self,
            WatchCommand.self,
        ]
    )

    /// Every failure ends as one `forkexplain: ...` line and exit status 2
    /// (usage, unreadable or foreign log); ArgumentParser's own usage errors
    /// are folded into the same convention, except `check`'s: a monitoring
    /// plugin says UNKNOWN (3) for bad usage, 2 being CRITICAL.
    static func main() {
        // Before anything opens a file or touches a signal: see each type.
        StandardDescriptors.reserveClosed()
        _ = InheritedSignals.atStart
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as CommandFailure {
            StandardError.write("forkexplain: \(error.message)")
            Glibc.exit(error.status)
        } catch let error as LogReadError {
            StandardError.write("forkexplain: \(error)")
            Glibc.exit(CommandFailure.usageStatus)
        } catch let error as SpillFailure {
            // Its one line, status 2, as where it cannot throw.
            error.stop()
        } catch {
            if exitCode(for: error) == .validationFailure {
                let text = "\(message(for: error)) (see `\(helpCommand(CommandLine.arguments.dropFirst()))`)"
                let status = usageStatus(CommandLine.arguments.dropFirst())
                // A monitoring system reads a plugin's stdout.
                if status == CheckCommand.unknownStatus {
                    StandardOutput.writeLine(CheckPluginLine.unknown("bad usage: \(text)"), failureStatus: status)
                }
                StandardError.write("forkexplain: \(text)")
                Glibc.exit(status)
            }
            // --help and --version: their text lost to a full disk or a
            // closed stdout is a failure, as any command's output is.
            if exitCode(for: error) == .success {
                let text = fullMessage(for: error)
                if !text.isEmpty {
                    StandardOutput.writeLine(text, failureStatus: usageStatus(CommandLine.arguments.dropFirst()))
                }
                Glibc.exit(0)
            }
            exit(withError: error)
        }
    }

    /// Where the help for the mistyped command line is: its subcommand's.
    static func helpCommand(_ arguments: ArraySlice<String>) -> String {
        let names = configuration.subcommands.compactMap { $0.configuration.commandName }
        guard let first = arguments.first, names.contains(first) else { return "forkexplain --help" }
        return "forkexplain \(first) --help"
    }

    /// The usage status of the command line's subcommand.
    static func usageStatus(_ arguments: ArraySlice<String>) -> Int32 {
        arguments.first == CheckCommand.configuration.commandName
            ? CheckCommand.unknownStatus : CommandFailure.usageStatus
    }
}
