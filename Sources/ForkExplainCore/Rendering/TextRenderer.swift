/// The terminal report: one block per incident, then a summary line.
public struct TextRenderer: Sendable {
    public var symbols: [FrameKey: String]

    public init(symbols: [FrameKey: String] = [:]) {
        self.symbols = symbols
    }

    public func render(_ report: Report) -> String {
        guard !report.incidents.isEmpty else {
            return IncidentText.noFailures(report) + "\n" + IncidentText.summary(report) + "\n"
        }
        var out = ""
        for incident in report.incidents {
            out += render(incident) + "\n"
        }
        out += IncidentText.summary(report) + "\n"
        return out
    }

    public func render(_ incident: Incident) -> String {
        let verdict = incident.verdict
        var lines = [IncidentText.headline(incident)]
        lines.append("  Confidence: \(verdict.confidence.rawValue); binding limit: \(verdict.bindingLimit.name)")
        lines.append("  Why:")
        lines += (incident.kernelRules + incident.misleadingNotes).map { "    - \($0)" }
        lines.append("  Evidence:")
        lines += verdict.evidence.map { "    - \($0)" }
        lines.append("  Fix:")
        lines += verdict.advice.map { "    - \($0)" }
        if let holders = incident.latest.record.top?.holders, !holders.isEmpty {
            lines.append("  Top PID holders:")
            lines += holders.prefix(8).map { "    - " + IncidentText.holder($0) }
        }
        if let frames = incident.latest.record.backtrace, !frames.isEmpty {
            lines.append("  Backtrace (latest failure):")
            lines += frames.enumerated().map { "    " + IncidentText.frame($1, index: $0, symbols: symbols) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
