import ArgumentParser
import ForkExplainCore
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Give every recorded failure a verdict, the evidence and the fix.",
        discussion: """
            Reads one or more logs (several hosts' logs are merged), classifies every \
            failure, groups repeats into incidents (same host, verdict and binding \
            limit) and prints them. Exits 0 once the logs are read, failures or not; \
            2 if a log is missing, unreadable or not a forkexplain log.

            Examples:
              forkexplain report
              forkexplain report --since 2h --format markdown > ticket.md
              forkexplain report --pid 4242 --format json web-*.jsonl
              ssh web-7 cat /tmp/forkexplain-0.jsonl | forkexplain report -
            """
    )

    @Argument(
        help: ArgumentHelp(
            "Logs to read; '-' reads standard input.",
            discussion: "Default: $FORKEXPLAIN_LOG, else /tmp/forkexplain-<euid>.jsonl.", valueName: "log"))
    var logs: [String] = []

    @Option(help: "Output format: text, markdown (for a ticket) or json.")
    var format: ReportFormat = .text

    @Option(
        help: ArgumentHelp(
            "Only failures at or after this time: ISO-8601, or an age (30s, 10m, 2h, 1d).", valueName: "time"))
    var since: String?

    @Option(help: "Only failures of this process (its pid as the log records it).")
    var pid: Int?

    func validate() throws {
        if let since, TimeSpec(since) == nil {
            throw ValidationError(
                "--since \(since) is neither an ISO-8601 time (2026-11-26T15:30:00Z) nor an age like 10m, 2h or 1d")
        }
    }

    func run() throws {
        let paths = logs.isEmpty ? [LogLocation.defaultPath()] : logs
        let filter = EventFilter(since: since.flatMap { TimeSpec($0)?.date }, pid: pid)
        let report = try ReportBuilder(filter: filter).build(from: paths.map { LogSource(path: $0) })
        LogOwnership.warnAboutForeign(report.files)
        StandardOutput.write(
            try format.render(report, symbolizer: LLVMSymbolizer.best()), failureStatus: CommandFailure.usageStatus)
    }
}
