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

            The first line sums the report up: how many failures, under which \
            verdicts, on which hosts. Frames are named by llvm-symbolizer from the \
            local file when its build-id is the logged one, otherwise (with \
            DEBUGINFOD_URLS set) from a debuginfod server by build-id.

            Examples:
              forkexplain report
              forkexplain report --since 2h --format markdown > ticket.md
              forkexplain report --pid 4242 --format json web-*.jsonl
              forkexplain report --filter host=web-7 --filter thread=pool-3-thread-7
              forkexplain report --filter pod=7c1e0b2a-5d3f-4e6a-9b8c-1d2e3f4a5b6c nodes/*.jsonl
              ssh web-7 cat /tmp/forkexplain-0.jsonl | forkexplain report -
              forkexplain report --color always | less -R
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

    @Option(
        name: .customLong("filter"),
        help: ArgumentHelp(
            "Only failures whose workload matches KEY=VALUE; repeat to require them all.",
            discussion: """
                Keys: container (an id, at least its first 12 characters, or a Kubernetes, \
                nspawn or LXC container name), pod (a Kubernetes pod UID), unit (a systemd \
                unit; a bare name means NAME.service), host (the host name the log records), \
                thread (the failing thread's name, as in /proc/PID/task/TID/comm).
                """,
            valueName: "key=value"))
    var filters: [String] = []

    @Option(help: "Color the text report: auto (a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorChoice = .auto

    func validate() throws {
        for filter in filters {
            do {
                _ = try RecordSelector(parsing: filter)
            } catch {
                throw ValidationError(error.description)
            }
        }
        if let since, TimeSpec(since) == nil {
            throw ValidationError(
                "--since \(since) is neither an ISO-8601 time (2026-11-26T15:30:00Z) nor an age like 10m, 2h or 1d")
        }
    }

    func run() throws {
        let paths = logs.isEmpty ? [LogLocation.defaultPath()] : logs
        let selectors = filters.compactMap { try? RecordSelector(parsing: $0) }
        let filter = EventFilter(since: since.flatMap { TimeSpec($0)?.date }, pid: pid, selectors: selectors)
        let report = try ReportBuilder(filter: filter).build(from: paths.map { LogSource(path: $0) })
        LogOwnership.warnAboutForeign(report.files)
        StandardOutput.write(
            try format.render(report, symbolizer: LLVMSymbolizer.best(), style: color.styleForStandardOutput()),
            failureStatus: CommandFailure.usageStatus)
    }
}
