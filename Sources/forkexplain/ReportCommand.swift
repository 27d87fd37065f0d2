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

            The first line sums the report up: how many failures, under which \
            verdicts, on which hosts, and how many records came in which envelope. \
            What log pipelines give back is unwrapped line by line, without options: \
            Docker and containerd (CRI) log lines, kubectl logs --prefix/--timestamps, \
            journalctl -o json, Vector, Fluent Bit and rsyslog documents, logcli \
            output, Loki and Elasticsearch responses (docs/shipping.md); a program's \
            own output between its records is counted apart, not as malformed. --format json \
            gives every event with its backtrace (module, offset, addr, build_id, symbol). \
            Frames are named by llvm-symbolizer from the \
            local file when its build-id is the logged one, otherwise (with \
            DEBUGINFOD_URLS set) from a debuginfod server by build-id.

            Examples:
              forkexplain report
              forkexplain report --since 2h --format markdown > ticket.md
              forkexplain report --pid 4242 --format json web-*.jsonl
              forkexplain report --filter host=web-7 --filter thread=pool-3-thread-7
              forkexplain report --filter pod=7c1e0b2a-5d3f-4e6a-9b8c-1d2e3f4a5b6c nodes/
              forkexplain report /var/log/forkexplain/
              ssh web-7 cat /tmp/forkexplain-0.jsonl | forkexplain report -
              logcli query --output=jsonl '{job="forkexplain"}' | forkexplain report -
              kubectl logs --prefix --timestamps -l app=web | forkexplain report -
              forkexplain report --color always | less -R
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
        let selectors = filters.compactMap { try? RecordSelector(parsing: $0) }
        let filter = EventFilter(since: since.flatMap { TimeSpec($0)?.date }, pid: pid, selectors: selectors)
        let sources = paths.map { LogSource(path: $0, foundInDirectory: fromDirectory[$0] != nil) }
        let builder = ReportBuilder(filter: filter)
        // Streamed: the events are written as they become final and never
        // held, so a report of any log holds its incidents, not its records
        // (docs/design.md, "report --format json"). A log that cannot be
        // opened stops the report before anything is written.
        for source in sources { try LogReader().check(source) }
        OutputStart.arm(json: format == .json)
        guard format == .json else {
            let report = try builder.stream(from: sources, held: format == .markdown ? .markdown : .text) { _, _ in }
            LogOwnership.warnAboutForeign(report.files, fromDirectory: fromDirectory)
            Self.warnAboutNotLogs(report.notLogs)
            StandardOutput.write(
                try format.render(report, symbolizer: LLVMSymbolizer.best(), style: color.styleForStandardOutput()),
                failureStatus: CommandFailure.usageStatus)
            Self.warnAboutSpill()
            return
        }
        var writer = JSONReportWriter(symbolizer: LLVMSymbolizer.best()) {
            StandardOutput.write($0, failureStatus: CommandFailure.usageStatus)
        }
        let report: Report
        do {
            report = try builder.streamJSON(from: sources) { try writer.event($0) }
        } catch {
            // A later log found not to be one, or unreadable mid-way: what
            // the earlier logs' events wrote to a file is taken back.
            OutputStart.takeBack()
            throw error
        }
        LogOwnership.warnAboutForeign(report.files, fromDirectory: fromDirectory)
        Self.warnAboutNotLogs(report.notLogs)
        try writer.finish(report)
        Self.warnAboutSpill()
    }

    /// What $TMPDIR could not take and the report kept in memory: said
    /// once, after the report, which is whole (docs/design.md, "$TMPDIR").
    private static func warnAboutSpill() {
        if let line = SpillNotice.take() { StandardError.write("forkexplain: \(line)") }
    }

    /// One line for each file a directory held that was not a forkexplain
    /// log: passed over, and said, so that nothing is dropped unseen.
    private static func warnAboutNotLogs(_ paths: [String]) {
        for path in paths {
            StandardError.write(
                "forkexplain: warning: passed over \(path), found in the directory: not a forkexplain log "
                    + "(no line has a schema and type field)")
        }
    }
}
