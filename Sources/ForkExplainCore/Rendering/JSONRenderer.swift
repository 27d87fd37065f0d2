import Foundation

/// `--format json`: one object in docs/design.md's shape, keys sorted so the
/// output is stable.
public struct JSONRenderer: Renderer {
    public typealias Subject = Report

    public init() {}

    public func render(_ report: Report) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = try encoder.encode(JSONReport(report))
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// The wire shape. Field names are part of the stable interface.
struct JSONReport: Encodable {
    struct Event: Encodable {
        var verdict: String
        var family: String
        var confidence: String
        var evidence: [String]
        var advice: [String]
        var call: String
        var errno: String?
        var errnoNumber: Int?
        var pid: Int?
        var comm: String?
        var tid: Int?
        /// The failing thread's name (log-format.md `thread_comm`).
        var thread: String?
        var host: String?
        var time: String?
        var bindingLimit: String
        var bindingLimitKey: String
        var kernelRule: String
        var misleading: String?
        var count: Int
        /// Host or container, runtime and ids (ContainerIdentity's fields).
        var identity: ContainerIdentity?
        /// The same in one line, as the text report shows it.
        var workload: String?
        /// "shim" or "watch": who saw it (log-format.md `source`).
        var source: String
    }

    struct Incident: Encodable {
        var verdict: String
        var family: String
        var confidence: String
        var evidence: [String]
        var advice: [String]
        var bindingLimit: String
        var bindingLimitKey: String
        var kernelRule: String
        var misleading: String?
        var count: Int
        var first: String?
        var last: String?
        var host: String?
        var pids: [Int]
        var comms: [String]
        /// Every failing thread's name among the events.
        var threads: [String]
        var calls: [String]
        var errnos: [String]
        var identity: ContainerIdentity?
        var workload: String?
    }

    struct File: Encodable {
        var path: String
        var records: Int
        var skippedLines: Int
    }

    var schema = LogRecord.knownSchema
    /// The first line of the text report as numbers: failures, incidents,
    /// failures per verdict, hosts.
    var summary: ReportSummary
    var events: [Event]
    var incidents: [Incident]
    var skippedLines: Int
    var files: [File]
    var newerSchema: Bool

    init(_ report: Report) {
        summary = ReportSummary(report)
        events = report.events.map { event in
            let verdict = event.verdict
            return Event(
                verdict: verdict.id.rawValue, family: verdict.family.rawValue,
                confidence: verdict.confidence.rawValue, evidence: verdict.evidence, advice: verdict.advice,
                call: event.callDescription, errno: event.errnoName, errnoNumber: event.errnoNumber, pid: event.pid,
                comm: event.comm, tid: event.tid, thread: event.threadName, host: event.host, time: event.record.time,
                bindingLimit: verdict.bindingLimit.name, bindingLimitKey: verdict.bindingLimit.key,
                kernelRule: verdict.kernelRule, misleading: verdict.misleadingNote, count: event.count,
                identity: event.identity, workload: event.identity?.summary,
                source: event.record.isFromWatch ? "watch" : "shim"
            )
        }
        incidents = report.incidents.map { incident in
            let verdict = incident.verdict
            return Incident(
                verdict: verdict.id.rawValue, family: verdict.family.rawValue,
                confidence: verdict.confidence.rawValue, evidence: verdict.evidence, advice: verdict.advice,
                bindingLimit: verdict.bindingLimit.name, bindingLimitKey: verdict.bindingLimit.key,
                kernelRule: verdict.kernelRule, misleading: verdict.misleadingNote, count: incident.count,
                first: incident.firstTime, last: incident.lastTime, host: incident.host, pids: incident.pids,
                comms: incident.comms, threads: incident.threads, calls: incident.calls, errnos: incident.errnos,
                identity: incident.latest.identity, workload: incident.latest.identity?.summary
            )
        }
        skippedLines = report.skippedLines
        files = report.files.map { File(path: $0.path, records: $0.records, skippedLines: $0.skippedLines) }
        newerSchema = report.newerSchemaSeen
    }
}
