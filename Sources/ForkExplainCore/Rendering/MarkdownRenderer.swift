/// A report to paste into a ticket: a summary table, then a section per incident.
public struct MarkdownRenderer: Renderer {
    public typealias Subject = Report

    var symbols: [FrameKey: String]
    /// The program's frames a ticket shows, after any in the C library.
    static let ownFrames = 6

    /// What named the frames (`Symbolizer.name`), said in the last line,
    /// where a ticket's reader looks for what made the report; nil: no line.
    var symbolizer: String?

    public init(symbols: [FrameKey: String] = [:], symbolizer: String? = nil) {
        self.symbols = symbols
        self.symbolizer = symbolizer
    }

    public func render(_ report: Report) -> String {
        let body = renderBody(report)
        guard let symbolizer else { return body }
        return body + "\n" + Self.text(IncidentText.symbolizerLine(symbolizer)) + "\n"
    }

    private func renderBody(_ report: Report) -> String {
        var lines = ["## forkexplain report", ""]
        guard !report.incidents.isEmpty else {
            lines.append(Self.text(IncidentText.noFailures(report).capitalizedFirst + "."))
            if let notes = IncidentText.closingNotes(report) { lines += ["", Self.text(notes)] }
            return lines.joined(separator: "\n") + "\n"
        }
        lines += ["**" + Self.cell(ReportSummary(report).line) + "**", ""]
        lines.append("| verdict | binding limit | count | first | last | host |")
        lines.append("|---|---|---:|---|---|---|")
        for incident in report.incidents {
            let cells = [
                incident.verdict.bindingLimit.name, String(incident.count),
                IncidentText.time(incident.first), IncidentText.time(incident.last), incident.host ?? "?",
            ]
            let id = "`\(incident.verdict.id.rawValue)`"
            lines.append("| " + ([id] + cells.map(Self.cell)).joined(separator: " | ") + " |")
        }
        lines.append("")
        for (number, incident) in report.incidents.enumerated() {
            lines += section(incident, number: number + 1)
        }
        if let notes = IncidentText.closingNotes(report) {
            lines.append(Self.text(notes))
        } else if lines.last == "" {
            lines.removeLast()
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func section(_ incident: Incident, number: Int) -> [String] {
        let verdict = incident.verdict
        var lines = ["### \(number). \(Self.cell(IncidentText.headline(incident)))", ""]
        lines.append(
            "Family `\(verdict.family.rawValue)`, confidence **\(verdict.confidence.rawValue)**, binding limit **\(Self.cell(verdict.bindingLimit.name))**."
        )
        if let thread = IncidentText.thread(incident.latest) {
            lines += ["", "Thread: \(Self.cell(thread))."]
        }
        if let workload = incident.latest.identity?.summary {
            lines += ["", "Workload: \(Self.cell(workload))."]
        }
        let quoted = Self.backtickStrings(in: incident.latest)
        func item(_ text: String) -> String { "- " + Self.text(text, quoting: quoted) }
        lines += ["", "**Why**", ""] + (incident.kernelRules + incident.misleadingNotes).map(item)
        lines += ["", "**Evidence**", ""] + verdict.evidence.map(item)
        lines += ["", "**Fix**", ""] + verdict.advice.map(item)
        if let holders = incident.latest.record.top?.holders, !holders.isEmpty {
            lines +=
                ["", "**\(Self.cell(IncidentText.holdersTitle(incident)))**", ""]
                + IncidentText.holderLines(holders, limit: 8).map { "- " + Self.cell($0) }
        }
        if let frames = incident.latest.record.backtrace, !frames.isEmpty {
            // A ticket gets the frames that matter; the text report and the log keep them all.
            let shown = IncidentText.framesThatMatter(frames, own: Self.ownFrames)
            var text = frames.prefix(shown).enumerated().map {
                IncidentText.frame($1, index: $0, symbols: symbols).escapingControls
            }
            if frames.count > shown {
                text.append(
                    "... \(frames.count - shown) more frames (the text report, forkexplain report, shows them all)")
            }
            let fence = Self.fence(for: text)
            let title = Self.cell(IncidentText.backtraceTitle(incident.latest.record))
            lines += ["", "**Backtrace** (\(title))", "", fence] + text + [fence]
        }
        lines.append("")
        return lines
    }

    /// Rule text holding log strings: one line, no raw controls, and no
    /// backtick of a log string (`quoting`) that could end the rule's own
    /// code span early: those show as `\x60`, like other escaped bytes.
    static func text(_ text: String, quoting strings: [String] = []) -> String {
        var out = text
        for string in strings {
            out = out.replacingOccurrences(of: string, with: string.replacingOccurrences(of: "`", with: "\\x60"))
        }
        return out.escapingControls
    }

    /// Every string of a record that holds a backtick, longest first; found
    /// by reflection, so a field added to the model is covered too.
    static func backtickStrings(in record: LogRecord) -> [String] {
        var found: Set<String> = []
        walk(record, into: &found)
        return found.sorted { $0.count > $1.count }
    }

    /// The same of an event's whole record, when it is held compact: its
    /// record's, and those its record no longer has (`FailureEvent.quoted`).
    static func backtickStrings(in event: FailureEvent) -> [String] {
        var found = Set(event.quoted ?? [])
        walk(event.record, into: &found)
        return found.sorted { $0.count > $1.count }
    }

    /// The same of the classifier's sections of a record, for each record
    /// a Markdown report holds: reflection took some 1.5 ms a record (150 s
    /// of CPU for 100,000 processes) and the JSON encoder 0.17 ms, so these
    /// sections list their strings themselves (`SnapshotSections.strings`,
    /// held to reflection by `HeldEventTests`).
    static func backtickStrings(in sections: SnapshotSections) -> [String] {
        // The bytes first: a Character comparison walks graphemes, and
        // almost every record has no backtick at all.
        let found = sections.strings.filter { $0.utf8.contains(UInt8(ascii: "`")) && $0.contains("`") }
        return found.isEmpty ? [] : Set(found).sorted { $0.count > $1.count }
    }

    private static func walk(_ value: Any, into found: inout Set<String>) {
        if let text = value as? String {
            if text.contains("`") { found.insert(text) }
            return
        }
        for child in Mirror(reflecting: value).children { walk(child.value, into: &found) }
    }

    /// Table cells, headings and plain log strings: one line, and no pipe or
    /// backtick of a log string may close the table or open a code span.
    static func cell(_ text: String) -> String {
        var out = ""
        for character in text.escapingControls {
            if character == "|" || character == "`" { out += "\\" }
            out.append(character)
        }
        return out
    }

    /// A code fence longer than any run of backticks in the block, so that
    /// a module path cannot end the block early (CommonMark 4.5).
    static func fence(for lines: [String]) -> String {
        var longest = 0
        for line in lines {
            var run = 0
            for character in line {
                run = character == "`" ? run + 1 : 0
                longest = max(longest, run)
            }
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }
}
