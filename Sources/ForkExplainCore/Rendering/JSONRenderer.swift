import Foundation

/// `--format json`: one object in docs/design.md's shape, keys sorted so the
/// output is stable.
public struct JSONRenderer: Renderer {
    public typealias Subject = Report

    var symbolizer: any Symbolizer

    public init(symbolizer: any Symbolizer = NoSymbolizer()) {
        self.symbolizer = symbolizer
    }

    public func render(_ report: Report) throws -> String {
        var text: [UInt8] = []
        var writer = JSONReportWriter(symbolizer: symbolizer) { text.append(contentsOf: $0) }
        for event in report.events { try writer.event(event) }
        try writer.finish(report)
        return String(decoding: text, as: UTF8.self)
    }
}

/// The same object written as it is made: each event as the report hands
/// it on (`ReportBuilder.stream`), then everything after the events. Only a
/// part of the text (`flushAt` bytes) waits in memory.
public struct JSONReportWriter {
    static let flushAt = 1 << 16

    private let output: ([UInt8]) throws -> Void
    private let encoder: JSONEncoder
    private var text = PrettyJSONText()
    private var written = 0
    /// Each distinct identity's encoded text: a log's events share a few.
    private var identities: [ContainerIdentity: String] = [:]
    private var lastIdentity: (value: ContainerIdentity, text: String)?
    /// Names for each event's frames, as the text report gives them.
    private var symbols: SymbolCache
    /// What named them (`Symbolizer.name`), said after the events.
    private let symbolizerName: String
    /// The last event's frames and their names: a frame's name, once
    /// asked for, does not change (`SymbolCache` asks for each frame once).
    private var lastKeys: [FrameKey] = []
    private var lastNames: [String?] = []

    /// `output` gets the text in parts, in order; `symbolizer` names the
    /// frames of each event's `backtrace`.
    public init(symbolizer: any Symbolizer = NoSymbolizer(), output: @escaping ([UInt8]) throws -> Void) {
        self.output = output
        symbols = SymbolCache(symbolizer: symbolizer)
        symbolizerName = symbolizer.name
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // "events" sorts first: the encoder's object for the rest of the
        // report goes on after the array.
        text.append("{\n  \"events\" : [\n")
    }

    /// An event's text comes made where it was classified when it can
    /// (`FailureEvent.jsonText`), and is made here the same way when not;
    /// only the frames' symbols are put in here, where the one symbol cache is.
    public mutating func event(_ event: FailureEvent) throws {
        try self.event(EventWrite(event))
    }

    /// An event's text, its final count and identity: what a report whose
    /// events waited small (`WaitingWrite`) hands on.
    public mutating func event(_ write: EventWrite) throws {
        let made = write.text
        let keys = made.frameKeys
        if keys != lastKeys {
            // Asked once for a run of events of one backtrace: equal lists
            // of one cached text share storage, which `!=` checks first.
            let named = keys.isEmpty ? [:] : symbols.symbols(for: keys)
            lastNames = keys.map { named[$0] }
            lastKeys = keys
        }
        if written > 0 { text.append(",\n") }
        written += 1
        text.append("    ")
        var identity: String?
        if let value = write.identity {
            // Most events are of the last event's workload: compared, not
            // hashed again.
            if let last = lastIdentity, last.value == value {
                identity = last.text
            } else {
                if identities[value] == nil {
                    let encoded = String(decoding: try encoder.encode(value), as: UTF8.self)
                    identities[value] = PrettyJSONText.indented(encoded, level: EventJSONText.level + 1)
                }
                identity = identities[value]
                lastIdentity = identity.map { (value, $0) }
            }
        }
        made.write(into: &text, count: write.count, identity: identity, names: lastNames)
        if text.bytes.count >= Self.flushAt { try output(text.take()) }
    }

    /// Everything after the events; `report` is the one the events came from.
    public mutating func finish(_ report: Report) throws {
        // Each incident's pids stand in as one number, written here a line
        // each as the encoder writes an array's: the encoder's values and
        // text of every pid of 100,000 processes, and a String of that
        // text copied twice, were some 7 MB of the report's peak
        // (docs/performance.md, "The report's last megabytes: JSON's
        // processes at the end").
        let rest = [UInt8](try encoder.encode(JSONReport.Rest(report, symbolizer: symbolizerName, pidsStandIn: true)))
        // With no events, "[\n" and this make the encoder's empty array:
        // "[", a blank line, "]".
        text.append("\n  ],\n")
        var from = rest.startIndex + 2
        var line = from
        while line < rest.endIndex {
            let end = rest[line...].firstIndex(of: UInt8(ascii: "\n")) ?? rest.endIndex
            let indent = rest[line..<end].prefix { $0 == UInt8(ascii: " ") }.count
            if let number = Int(String(decoding: rest[(line + indent)..<end], as: UTF8.self)),
                let place = JSONReport.Rest.place(standingIn: number), report.incidents.indices.contains(place)
            {
                text.append(rest[from..<line])
                try writePids(of: report.incidents[place].seenPids, indent: indent)
                from = end
            }
            line = end + 1
        }
        text.append(rest[from...])
        text.append("\n")
        try output(text.take())
    }

    /// An array's members as the encoder writes them, a line each.
    private mutating func writePids(of pids: FirstSeen<Int>, indent: Int) throws {
        let spaces = String(repeating: " ", count: indent)
        var first = true
        try pids.forEachValue { pid in
            if !first { text.append(",\n") }
            first = false
            text.append(spaces)
            text.append(String(pid))
            if text.bytes.count >= Self.flushAt { try output(text.take()) }
        }
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
        /// The failing call's stack, innermost first, as the text report
        /// lists it; nil when the record has none (a watch record).
        var backtrace: [Frame]?
        /// The architecture the frames' addresses are of (log-format.md
        /// `arch`), with them.
        var arch: String?

        /// The members in the encoder's order (keys snake_cased, sorted).
        /// `identity` is left nil, in its place: the writer puts in its
        /// encoded text (`EventJSONText`).
        var members: [(key: String, value: PrettyJSONText.Value?)] {
            [
                ("advice", .strings(advice)), ("arch", arch.map { .string($0) }),
                ("backtrace", backtrace.map { .objects($0.map(\.members)) }), ("binding_limit", .string(bindingLimit)),
                ("binding_limit_key", .string(bindingLimitKey)), ("call", .string(call)),
                ("comm", comm.map { .string($0) }), ("confidence", .string(confidence)), ("count", .int(count)),
                ("errno", errno.map { .string($0) }), ("errno_number", errnoNumber.map { .int($0) }),
                ("evidence", .strings(evidence)), ("family", .string(family)), ("host", host.map { .string($0) }),
                ("identity", nil), ("kernel_rule", .string(kernelRule)),
                ("misleading", misleading.map { .string($0) }), ("pid", pid.map { .int($0) }),
                ("source", .string(source)), ("thread", thread.map { .string($0) }), ("tid", tid.map { .int($0) }),
                ("time", time.map { .string($0) }), ("verdict", .string(verdict)),
                ("workload", workload.map { .string($0) }),
            ]
        }
    }

    /// One backtrace frame: `module` and `offset` (the address in the
    /// module's ELF address space, what llvm-symbolizer takes) when the shim
    /// found the module, else the bare `addr`; `symbol` when a symbolizer
    /// named it, else `build_id` to fetch the symbols by.
    struct Frame: Encodable {
        var addr: String?
        var buildId: String?
        var module: String?
        var offset: String?
        var symbol: String?

        init(_ frame: BacktraceFrame, symbols: [FrameKey: String]) {
            addr = frame.addr
            buildId = frame.buildId.flatMap { $0.isEmpty ? nil : $0 }
            module = frame.module
            offset = frame.offset
            symbol = FrameKey(frame).flatMap { symbols[$0] }
        }

        var members: [(key: String, value: PrettyJSONText.Value?)] {
            [
                ("addr", addr.map { .string($0) }), ("build_id", buildId.map { .string($0) }),
                ("module", module.map { .string($0) }), ("offset", offset.map { .string($0) }),
                ("symbol", symbol.map { .string($0) }),
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
        /// Every line not read as a record: the malformed ones and the
        /// others, as the contract's `skipped_lines` has always counted.
        var skippedLines: Int
        var malformedLines: Int
        var otherLines: Int
        var files: [File]
        var newerSchema: Bool
        /// The llvm-symbolizer that named the frames and its version, or
        /// "none found: frames are addresses" (`Symbolizer.name`).
        var symbolizer: String
    }

    var events: [Event]
    var rest: Rest

    init(_ report: Report) {
        events = report.events.map { Event($0) }
        rest = Rest(report, symbolizer: NoSymbolizer().name)
    }
}

extension JSONReport.Event {
    /// `withFrames` false: `backtrace` left nil, for `EventJSONText`,
    /// which takes the frames' text from its cache.
    init(_ event: FailureEvent, symbols: [FrameKey: String] = [:], withFrames: Bool = true) {
        let verdict = event.verdict
        let frames = event.record.backtrace ?? []
        self.init(
            verdict: verdict.id.rawValue, family: verdict.family.rawValue,
            confidence: verdict.confidence.rawValue, evidence: verdict.evidence, advice: verdict.advice,
            call: event.callDescription, errno: event.errnoName, errnoNumber: event.errnoNumber, pid: event.pid,
            comm: event.comm, tid: event.tid, thread: event.threadName, host: event.host, time: event.record.time,
            bindingLimit: verdict.bindingLimit.name, bindingLimitKey: verdict.bindingLimit.key,
            kernelRule: verdict.kernelRule, misleading: verdict.misleadingNote, count: event.count,
            identity: event.identity, workload: event.workload,
            source: event.record.isFromWatch ? "watch" : "shim",
            backtrace: frames.isEmpty || !withFrames ? nil : frames.map { JSONReport.Frame($0, symbols: symbols) },
            // What the addresses are of; read as x86_64 when an old record has none.
            arch: frames.isEmpty ? nil : event.record.arch.flatMap { $0.isEmpty ? nil : $0 }
        )
    }
}

extension JSONReport.Rest {
    /// `pidsStandIn`: each incident's pids, when it has any, as the one
    /// number `standIn(for:)` of its place, for the writer to put the list
    /// in the encoder's text by hand (`JSONReportWriter.finish`).
    init(_ report: Report, symbolizer: String, pidsStandIn: Bool = false) {
        let incidents = report.incidents.enumerated().map { place, incident in
            let verdict = incident.verdict
            let pids = pidsStandIn && incident.seenPids.count > 0 ? [Self.standIn(for: place)] : incident.pids
            return JSONReport.Incident(
                verdict: verdict.id.rawValue, family: verdict.family.rawValue,
                confidence: verdict.confidence.rawValue, evidence: verdict.evidence, advice: verdict.advice,
                bindingLimit: verdict.bindingLimit.name, bindingLimitKey: verdict.bindingLimit.key,
                kernelRule: verdict.kernelRule, misleading: verdict.misleadingNote, count: incident.count,
                first: incident.firstTime, last: incident.lastTime, host: incident.host, pids: pids,
                comms: incident.comms, threads: incident.threads, calls: incident.calls, errnos: incident.errnos,
                identity: incident.latest.identity, workload: incident.latest.identity?.summary
            )
        }
        self.init(
            summary: ReportSummary(report), incidents: incidents,
            skippedLines: report.skippedLines.addingSaturated(report.otherLines),
            malformedLines: report.skippedLines, otherLines: report.otherLines,
            files: report.files.map {
                JSONReport.File(
                    path: $0.path, records: $0.records, skippedLines: $0.skippedLines, otherLines: $0.otherLines)
            },
            newerSchema: report.newerSchemaSeen, symbolizer: symbolizer)
    }

    /// A number no pid is (pids are positive) standing for the pids of the
    /// incident at `place`, and back.
    static func standIn(for place: Int) -> Int { Int.min + 1 + place }
    static func place(standingIn number: Int) -> Int? {
        number < 0 && number > Int.min ? number - (Int.min + 1) : nil
    }
}
