/// A report to paste into a ticket: a summary table, then a section per incident.
public struct MarkdownRenderer: Renderer {
    public typealias Subject = Report

    var symbols: [FrameKey: String]

    public init(symbols: [FrameKey: String] = [:]) {
        self.symbols = symbols
    }

    public func render(_ report: Report) -> String {
        var lines = ["## forkexplain report", ""]
        guard !report.incidents.isEmpty else {
            lines += [IncidentText.noFailures(report).capitalizedFirst + ".", "", IncidentText.summary(report)]
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append("| verdict | binding limit | count | first | last | host |")
        lines.append("|---|---|---:|---|---|---|")
        for incident in report.incidents {
            let cells = [
                "`\(incident.verdict.id.rawValue)`", incident.verdict.bindingLimit.name, String(incident.count),
                IncidentText.time(incident.first), IncidentText.time(incident.last), incident.host ?? "?",
            ]
            lines.append("| " + cells.map(Self.cell).joined(separator: " | ") + " |")
        }
        lines.append("")
        for (number, incident) in report.incidents.enumerated() {
            lines += section(incident, number: number + 1)
        }
        lines.append(IncidentText.summary(report))
        return lines.joined(separator: "\n") + "\n"
    }

    private func section(_ incident: Incident, number: Int) -> [String] {
        let verdict = incident.verdict
        var lines = ["### \(number). \(Self.cell(IncidentText.headline(incident)))", ""]
        lines.append(
            "Family `\(verdict.family.rawValue)`, confidence **\(verdict.confidence.rawValue)**, binding limit **\(verdict.bindingLimit.name)**."
        )
        if let workload = incident.latest.identity?.summary {
            lines += ["", "Workload: \(workload)."]
        }
        lines += ["", "**Why**", ""] + (incident.kernelRules + incident.misleadingNotes).map { "- \($0)" }
        lines += ["", "**Evidence**", ""] + verdict.evidence.map { "- \($0)" }
        lines += ["", "**Fix**", ""] + verdict.advice.map { "- \($0)" }
        if let holders = incident.latest.record.top?.holders, !holders.isEmpty {
            lines += ["", "**Top PID holders**", ""] + holders.prefix(8).map { "- " + IncidentText.holder($0) }
        }
        if let frames = incident.latest.record.backtrace, !frames.isEmpty {
            lines += ["", "**Backtrace** (latest failure)", "", "```"]
            lines += frames.enumerated().map { IncidentText.frame($1, index: $0, symbols: symbols) }
            lines.append("```")
        }
        lines.append("")
        return lines
    }

    /// Table cells and headings must not break on a pipe.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
