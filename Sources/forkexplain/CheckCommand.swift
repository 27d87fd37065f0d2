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
            (static binaries, Go). Exits as a monitoring plugin: 0 (OK) when every \
            limit is below 80 % used, 1 (WARNING) when any is at or above 80 %, 2 \
            (CRITICAL) at or above 95 %, 3 (UNKNOWN) for bad usage or a target it \
            cannot read: one that does not exist, a zombie, or one in a PID \
            namespace it cannot enter.

            Examples:
              forkexplain check
              forkexplain check --pid $(pidof -s java)
              forkexplain check --format prometheus > /var/lib/node_exporter/forkexplain.prom
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

    @Option(help: "Output format: text, json or prometheus (node_exporter textfile).")
    var format: Format = .text

    func run() throws {
        let record: LogRecord
        do {
            record = try LiveSnapshot.take(pid: pid)
        } catch let failure as LiveSnapshot.Failure {
            throw CommandFailure(message: failure.description, status: Self.unknownStatus)
        }
        let report = CheckReport(record: record)
        // A check whose answer was not delivered is UNKNOWN.
        StandardOutput.write(try format.renderer.render(report), failureStatus: Self.unknownStatus)
        throw ExitCode(report.exitStatus)
    }
}
