import ArgumentParser
import ForkExplainCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Reproduce a misleading fork error on this machine and explain it.",
        discussion: """
            Runs a tiny shell under the shim inside a PID namespace whose init has \
            exited (as root, or in an unprivileged user namespace), where fork fails \
            with "Cannot allocate memory" while memory is plentiful; failing that, at \
            an RLIMIT_NPROC of your current task count. Uses a temporary log, removed \
            afterwards. Exits 1 if nothing could be reproduced.

            Examples:
              forkexplain demo
              sudo forkexplain demo
            """
    )

    static let timeout = Duration.seconds(30)

    func run() throws {
        let shim = try ShimLocator.locate()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }

        var attempts: [String] = []
        for scenario in DemoScenario.candidates(isRoot: geteuid() == 0) {
            let log = directory.path + "/demo.jsonl"
            let output = directory.path + "/output.txt"
            unlink(log)
            Self.say("forkexplain demo: \(scenario.title)")
            Self.say("$ \(scenario.commandLine)")
            let environment = ShimLocator.environment(
                shim: shim, log: log, base: RawStrings.environment())
            let child = try ChildProcess.spawn(
                scenario.arguments.map { Array($0.utf8) }, environment: environment, outputPath: output)
            let termination = child.wait(timeout: Self.timeout)
            let said =
                (try? String(contentsOfFile: output, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            for line in said.split(separator: "\n") { Self.say("\(scenario.shell) said: \(line)") }

            let report = LogLocation.exists(log) ? try ReportBuilder().build(from: [LogSource(path: log)]) : nil
            guard let report, let event = report.events.first else {
                let why = termination == .timedOut ? "timed out after 30 s" : "nothing was recorded"
                attempts.append(
                    "\(scenario.title): \(why)\(said.isEmpty ? "" : " (\(said.split(separator: "\n").last ?? ""))")")
                Self.say("(\(why); trying the next way)\n")
                continue
            }
            Self.say("")
            Self.say(TextRenderer(symbols: report.symbols(using: LLVMSymbolizer.best())).render(report), terminator: "")
            Self.say(Self.closingLine(event))
            return
        }
        StandardError.write(
            "forkexplain demo: COULD NOT REPRODUCE anything on this machine; nothing below is a real result.\n"
                + attempts.map { "  - \($0)" }.joined(separator: "\n"))
        throw ExitCode.failure
    }

    private static func say(_ text: String, terminator: String = "\n") {
        StandardOutput.write(text + terminator, failureStatus: CommandFailure.usageStatus)
    }

    /// States what the message claimed and what was really the case.
    static func closingLine(_ event: FailureEvent) -> String {
        let errno = event.errnoName ?? "the error"
        let message = event.errnoName.flatMap(ErrnoName.message(for:)).map { " (\"\($0)\")" } ?? ""
        var line = "\(errno)\(message)"
        if errno == "ENOMEM" {
            line += ", yet memory was fine"
            if let memory = event.record.memory, let available = memory.memAvailableKb, let total = memory.memTotalKb {
                line += ": \(Quantity.kibibytes(available)) of \(Quantity.kibibytes(total)) was available"
            }
        } else {
            line += ", yet nothing was temporary: retrying could not have helped"
        }
        return line + ". The refusal came from \(event.verdict.bindingLimit.name): \(event.verdict.kernelRule)."
    }
}
