import ArgumentParser
import ForkExplainCore
import ForkExplainLive
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Show every limit that can stop process or thread creation, with its headroom.",
        discussion: """
            A live snapshot, taken by the same code the shim runs on a failure: PID \
            numbers (host and namespace), threads-max, RLIMIT_NPROC of the real uid, \
            pids and memory cgroups at every level, commit limit, memory, \
            max_map_count, RLIMIT_AS. Works for programs the shim cannot see \
            (static binaries, Go). A monitoring plugin: the first line is \
            `FORKEXPLAIN STATUS - summary | perfdata`; it exits 0 (OK) when every \
            limit is below 80 % used, 1 (WARNING) when any is at or above 80 %, 2 \
            (CRITICAL) at or above 95 %, 3 (UNKNOWN) for bad usage or a target it \
            cannot read: one that does not exist, a zombie, or one in a PID \
            namespace it cannot enter; and when its /proc shows only a part of the \
            uid's tasks RLIMIT_NPROC counts (a container, a user namespace, \
            hidepid=), naming the host command that counts them all; and in a \
            gVisor sandbox or WSL 1, whose /proc no Linux kernel counts.

            With --need-threads N or --need-processes N it is a preflight for \
            systemd's ExecStartPre=: 2 (CRITICAL), naming the limit, when some limit \
            leaves room for fewer than N more, else 0. See docs/monitoring.md.

            Examples:
              forkexplain check
              forkexplain check --pid $(pidof -s java)
              forkexplain check --textfile-dir /var/lib/prometheus/node-exporter
              forkexplain check --need-threads 4096
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, prometheus

        var renderer: any Renderer<CheckReport> {
            switch self {
            case .text: CheckTextRenderer()
            case .json: CheckJSONRenderer()
            case .prometheus: CheckPrometheusRenderer()
            }
        }
    }

    /// The exit status for "could not tell" (docs/design.md: check's UNKNOWN).
    static let unknownStatus: Int32 = 3

    @Option(help: "The process to check (default: this command's own context).")
    var pid: Int32?

    @Option(help: "Output format: text (a monitoring plugin's), json or prometheus (node_exporter textfile).")
    var format: Format = .text

    @Option(
        help: ArgumentHelp(
            "Also write the Prometheus metrics to DIR/forkexplain.prom, atomically (node_exporter's textfile directory).",
            valueName: "dir"))
    var textfileDir: String?

    @Option(help: ArgumentHelp("Preflight: exit 2 unless every limit leaves room for N more threads.", valueName: "n"))
    var needThreads: Int64?

    @Option(
        help: ArgumentHelp("Preflight: exit 2 unless every limit leaves room for N more processes.", valueName: "n"))
    var needProcesses: Int64?

    func validate() throws {
        if needThreads != nil, needProcesses != nil {
            throw ValidationError("give --need-threads or --need-processes, not both")
        }
        for (name, value) in [("--need-threads", needThreads), ("--need-processes", needProcesses)] {
            if let value, value < 1 { throw ValidationError("\(name) must be 1 or more, not \(value)") }
        }
        if let textfileDir, textfileDir.isEmpty { throw ValidationError("--textfile-dir needs a directory") }
    }

    private var preflight: Preflight? {
        if let needThreads { return Preflight(kind: .threads, needed: needThreads) }
        if let needProcesses { return Preflight(kind: .processes, needed: needProcesses) }
        return nil
    }

    func run() throws {
        let record: LogRecord
        do {
            record = try LiveSnapshot.take(pid: pid)
        } catch let failure as LiveSnapshot.Failure {
            throw unknown(failure.description, metrics: CheckPrometheusRenderer.unknown())
        }
        var report = CheckReport(record: record, preflight: preflight, view: LiveProcView.take())
        report.readPodChildren(LivePodChildren.read(dir:))
        if let textfileDir {
            do {
                try TextfileWriter.write(CheckPrometheusRenderer().render(report), into: textfileDir)
            } catch {
                throw unknown(error.message, metrics: nil)
            }
        }
        // A check whose answer was not delivered is UNKNOWN.
        StandardOutput.write(try format.renderer.render(report), failureStatus: Self.unknownStatus)
        throw ExitCode(report.exitStatus)
    }

    /// UNKNOWN: the plugin line on stdout where a monitoring system reads
    /// it (text only: json and prometheus output stay parseable), the
    /// textfile saying so where one is kept, and the one-line error.
    private func unknown(_ message: String, metrics: String?) -> CommandFailure {
        if let textfileDir, let metrics {
            try? TextfileWriter.write(metrics, into: textfileDir)
        }
        if format == .text {
            StandardOutput.writeLine(CheckPluginLine.unknown(message), failureStatus: Self.unknownStatus)
        }
        return CommandFailure(message: message, status: Self.unknownStatus)
    }
}
