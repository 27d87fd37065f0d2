import Foundation

/// `--format json`: one object in docs/design.md's shape, keys sorted so the
/// output is stable.
public struct JSONRenderer: Renderer {
    public typealias Subject = Report

    public init() {}

    public func render(_ report: Report) throws -> String {
        // The events by hand (PrettyJSONText), everything after them through
        // the encoder; "events" sorts first, so the encoder's object is the
        // rest of the report's, after its opening brace.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let wire = JSONReport(report)
        let rest = String(decoding: try encoder.encode(wire.rest), as: UTF8.self)
        var text = PrettyJSONText()
        text.append("{\n  \"events\" : [\n")
        var identities: [ContainerIdentity: String] = [:]
        for (index, event) in wire.events.enumerated() {
            if index > 0 { text.append(",\n") }
            text.append("    ")
            var identity: String?
            if let value = event.identity {
                if identities[value] == nil {
                    let encoded = String(decoding: try encoder.encode(value), as: UTF8.self)
                    identities[value] = PrettyJSONText.indented(encoded, level: 3)
                }
                identity = identities[value]
            }
            text.object(event.members(identity: identity), level: 2)
        }
        // With no events, "[\n" and this make the encoder's empty array:
        // "[", a blank line, "]".
        text.append("\n  ],\n")
        text.append(String(rest.dropFirst(2)))
        text.append("\n")
        return String(decoding: text.bytes, as: UTF8.self)
    }
}

/// The wire shape. Field names are part of the stable interface.
struct JSONReport {
    /// Encodable: `JSONEventsTextTests` holds the hand-written text to the
    /// encoder's, byte for byte.
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

        /// The members in the encoder's order (keys snake_cased, sorted);
        /// `identity` already encoded.
        func members(identity: String?) -> [(key: String, value: PrettyJSONText.Value?)] {
            [
                ("advice", .strings(advice)), ("binding_limit", .string(bindingLimit)),
                ("binding_limit_key", .string(bindingLimitKey)), ("call", .string(call)),
                ("comm", comm.map { .string($0) }), ("confidence", .string(confidence)), ("count", .int(count)),
                ("errno", errno.map { .string($0) }), ("errno_number", errnoNumber.map { .int($0) }),
                ("evidence", .strings(evidence)), ("family", .string(family)), ("host", host.map { .string($0) }),
                ("identity", identity.map { .text($0) }), ("kernel_rule", .string(kernelRule)),
                ("misleading", misleading.map { .string($0) }), ("pid", pid.map { .int($0) }),
                ("source", .string(source)), ("thread", thread.map { .string($0) }), ("tid", tid.map { .int($0) }),
                ("time", time.map { .string($0) }), ("verdict", .string(verdict)),
                ("workload", workload.map { .string($0) }),
            ]
        }
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
        /// Lines that were not records: the program's own output beside them.
        var otherLines: Int
    }

    /// Every key but `events`, which the renderer writes itself.
    struct Rest: Encodable {
        var schema = LogRecord.knownSchema
        /// The first line of the text report as numbers: failures, incidents,
        /// failures per verdict, hosts.
        var summary: ReportSummary
        var incidents: [Incident]
        var skippedLines: Int
        var files: [File]
        var newerSchema: Bool
    }

    var events: [Event]
    var rest: Rest

    init(_ report: Report) {
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
        let incidents = report.incidents.map { incident in
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
        rest = Rest(
            summary: ReportSummary(report), incidents: incidents, skippedLines: report.skippedLines,
            files: report.files.map {
                File(path: $0.path, records: $0.records, skippedLines: $0.skippedLines, otherLines: $0.otherLines)
            },
            newerSchema: report.newerSchemaSeen)
    }
}
