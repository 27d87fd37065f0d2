import ArgumentParser
import ForkExplainCore
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Give every recorded failure a verdict, the evidence and the fix.",
        discussion: """
            Reads one or more logs (several hosts' logs are merged; a directory is read \
            as a per-node log directory, every *.jsonl file in it), classifies every \
            failure, groups repeats into incidents (same host, verdict and binding \
            limit) and prints them. Exits 0 once the logs are read, failures or not; \
            2 if a log is missing, unreadable or not a forkexplain log.

            Examples:
              forkexplain report
              forkexplain report --since 2h --format markdown > ticket.md
              forkexplain report --pid 4242 --format json web-*.jsonl
              forkexplain report /var/log/forkexplain/
              ssh web-7 cat /tmp/forkexplain-0.jsonl | forkexplain report -
              logcli query --output=raw '{job="forkexplain"}' | forkexplain report -
            """
    )

    @Argument(
        help: ArgumentHelp(
            "Logs or per-node log directories to read; '-' reads standard input.",
            discussion: "Default: $FORKEXPLAIN_LOG (%u, %h and %p expanded as the shim does), else "
                + "/tmp/forkexplain-<euid>.jsonl.", valueName: "log"))
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
        let named = logs.isEmpty ? LogLocation.paths(of: LogLocation.template()) : logs
        var fromDirectory: [String: LogDirectory.Entry] = [:]
        var paths: [String] = []
        for path in named {
            guard LogDirectory.isDirectory(path) else {
                paths.append(path)
                continue
            }
            let entries = try LogDirectory.logs(in: path)
            guard !entries.isEmpty else {
                throw LogReadError.cannotRead(
                    path: path, reason: "a directory without forkexplain logs (*.jsonl): nothing recorded there yet?")
            }
            for entry in entries {
                fromDirectory[entry.path] = entry
                paths.append(entry.path)
            }
        }
        let filter = EventFilter(since: since.flatMap { TimeSpec($0)?.date }, pid: pid)
        let report = try ReportBuilder(filter: filter).build(from: paths.map { LogSource(path: $0) })
        LogOwnership.warnAboutForeign(report.files, fromDirectory: fromDirectory)
        StandardOutput.write(
            try format.render(report, symbolizer: LLVMSymbolizer.best()), failureStatus: CommandFailure.usageStatus)
    }
}
