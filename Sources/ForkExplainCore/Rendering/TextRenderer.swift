/// The terminal report: one block per incident, then a summary line.
public struct TextRenderer: Renderer {
    public typealias Subject = Report

    /// How much of the holders and the stack to show: all of it for
    /// `report`, the head of each after `run`, where the program's own output
    /// is still on screen.
    public struct Detail: Sendable {
        var holders: Int
        var frames: Int

        public static let full = Detail(holders: 8, frames: .max)
        public static let brief = Detail(holders: 3, frames: 6)
    }

    var symbols: [FrameKey: String]
    var detail: Detail

    public init(symbols: [FrameKey: String] = [:], detail: Detail = .full) {
        self.symbols = symbols
        self.detail = detail
    }

    public func render(_ report: Report) -> String {
        guard !report.incidents.isEmpty else {
            return IncidentText.noFailures(report).escapingControls + "\n"
                + IncidentText.summary(report).escapingControls
                + "\n"
        }
        var out = ""
        for incident in report.incidents {
            out += render(incident) + "\n"
        }
        out += IncidentText.summary(report).escapingControls + "\n"
        return out
    }

    func render(_ incident: Incident) -> String {
        let verdict = incident.verdict
        var lines = [IncidentText.headline(incident).escapingControls]
        lines.append(
            "  Confidence: \(verdict.confidence.rawValue); binding limit: \(verdict.bindingLimit.name.escapingControls)"
        )
        if let workload = incident.latest.identity?.summary {
            lines.append("  Workload: \(workload.escapingControls)")
        }
        lines.append("  Why:")
        lines += (incident.kernelRules + incident.misleadingNotes).map { "    - \($0.escapingControls)" }
        lines.append("  Evidence:")
        lines += verdict.evidence.map { "    - \($0.escapingControls)" }
        lines.append("  Fix:")
        lines += verdict.advice.map { "    - \($0.escapingControls)" }
        if let holders = incident.latest.record.top?.holders, !holders.isEmpty {
            lines.append("  Top PID holders:")
            lines += holders.prefix(detail.holders).map { "    - " + IncidentText.holder($0).escapingControls }
        }
        if let frames = incident.latest.record.backtrace, !frames.isEmpty {
            lines.append("  Backtrace (\(IncidentText.backtraceTitle(incident.latest.record).escapingControls)):")
            lines += frames.prefix(detail.frames).enumerated().map {
                "    " + IncidentText.frame($1, index: $0, symbols: symbols).escapingControls
            }
            if frames.count > detail.frames {
                lines.append("    ... \(frames.count - detail.frames) more frames (forkexplain report)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
