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
    var style: TerminalStyle
    /// What named the frames (`Symbolizer.name`), said in the last line as
    /// the Markdown report says it, only when it named any: a report of
    /// addresses alone says nothing of a symbolizer; nil: no line.
    var symbolizer: String?

    public init(
        symbols: [FrameKey: String] = [:], detail: Detail = .full, style: TerminalStyle = .plain,
        symbolizer: String? = nil
    ) {
        self.symbols = symbols
        self.detail = detail
        self.style = style
        self.symbolizer = symbolizer
    }

    public func render(_ report: Report) -> String {
        let body = renderBody(report)
        guard let symbolizer, !symbols.isEmpty else { return body }
        return body + "\n" + IncidentText.symbolizerLine(symbolizer).escapingControls + "\n"
    }

    private func renderBody(_ report: Report) -> String {
        let notes = IncidentText.closingNotes(report).map { $0.escapingControls + "\n" } ?? ""
        guard !report.incidents.isEmpty else {
            return IncidentText.noFailures(report).escapingControls + "\n" + IncidentText.nextSteps + "\n" + notes
        }
        // The whole report at a glance first; the details follow.
        var out = style.bold(ReportSummary(report).line.escapingControls) + "\n\n"
        out += report.incidents.map(render).joined(separator: "\n")
        return notes.isEmpty ? out : out + "\n" + notes
    }

    func render(_ incident: Incident) -> String {
        let verdict = incident.verdict
        var lines = [
            style.verdict(verdict.id.rawValue, family: verdict.family) + " — "
                + style.bold(IncidentText.headlineTail(incident).escapingControls)
        ]
        lines.append(
            "  Confidence: \(verdict.confidence.rawValue); binding limit: \(verdict.bindingLimit.name.escapingControls)"
        )
        if let thread = IncidentText.thread(incident.latest) {
            lines.append("  Thread: \(thread.escapingControls)")
        }
        if let workload = incident.latest.identity?.summary {
            lines.append("  Workload: \(workload.escapingControls)")
        }
        lines.append(style.bold("  Why:"))
        lines += (incident.kernelRules + incident.misleadingNotes).map { "    - \($0.escapingControls)" }
        lines.append(style.bold("  Evidence:"))
        lines += verdict.evidence.map { "    - \($0.escapingControls)" }
        lines.append(style.bold("  Fix:"))
        lines += verdict.advice.map { "    - \($0.escapingControls)" }
        if let holders = incident.latest.record.top?.holders, !holders.isEmpty {
            lines.append(style.bold("  \(IncidentText.holdersTitle(incident).escapingControls):"))
            lines += IncidentText.holderLines(holders, limit: detail.holders).map { "    - " + $0.escapingControls }
        }
        if let frames = incident.latest.record.backtrace, !frames.isEmpty {
            let title = IncidentText.backtraceTitle(incident.latest.record).escapingControls
            lines.append(style.bold("  Backtrace (\(title)):"))
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
