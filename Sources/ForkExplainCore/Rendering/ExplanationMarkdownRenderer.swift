/// `forkexplain explain --format markdown`: the same explanation as the
/// text, to paste into a ticket or a chat (GitHub, GitLab, Jira's Markdown):
/// the lines read in a code block, the causes a numbered list, each check
/// in a shell block under its cause.
public struct ExplanationMarkdownRenderer: Renderer {
    public typealias Subject = Explanation

    public init() {}

    public func render(_ explanation: Explanation) -> String {
        let message = explanation.message
        var lines = ["## forkexplain explain", ""]
        // As many lines as the text quotes, the rest counted below the block.
        let shown = ExplanationText.quoted(message.excerpt)
        let read = shown.lines.map { "\($0.number)| \($0.text.escapingControls)" }
        let quoted = message.excerpt.total > 1 ? read : [message.text.escapingControls]
        lines.append(Self.readLine(message.excerpt))
        lines += Self.block(quoted, language: "text")
        if message.excerpt.total > 1, let more = shown.more { lines += ["", more] }
        lines += ["", "**They say:** " + MarkdownRenderer.text(ExplanationText.says(explanation)) + "."]
        for note in message.notes { lines += ["", MarkdownRenderer.text(note)] }
        if let known = explanation.known {
            lines += [
                "",
                "**Cause:** \(MarkdownRenderer.cell(known.cause.title)) (`\(known.cause.id)`): "
                    + MarkdownRenderer.text(known.reason),
            ]
            lines += Self.checks(known.checks, indent: "")
            lines += ["", "**Fix**", ""] + known.fixes.map { "- " + MarkdownRenderer.text($0) }
        }
        if let notTask = message.notTask { lines += Self.advice(notTask.advice) }
        if ExplanationText.listsCauses(explanation) {
            lines += ["", "**" + ExplanationText.causesIntro(explanation) + "**", ""]
            for (index, cause) in explanation.causes.enumerated() {
                var item = "\(index + 1). **\(MarkdownRenderer.cell(cause.title))** (`\(cause.id)`)"
                if let condition = cause.condition { item += " — " + MarkdownRenderer.text(condition) }
                lines.append(item)
                // Indented under the item, so that the block and the advice
                // belong to it and the numbering goes on (CommonMark 5.2).
                lines += Self.checks(cause.checks, indent: "   ")
                if let then = cause.then { lines += ["", "   Then: " + MarkdownRenderer.text(then)] }
                lines.append("")
            }
            lines.removeLast()
        }
        if let conclusion = ExplanationText.conclusion(explanation) {
            lines += ["", MarkdownRenderer.text(conclusion)]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What the block below quotes: the message, the lines that name a
    /// failure, or (none does) every line, as the text says it.
    private static func readLine(_ excerpt: MessageExcerpt) -> String {
        guard excerpt.total > 1 else { return "The message:" }
        if excerpt.readWhole {
            return "No line names an errno or a failure forkexplain knows; read all \(excerpt.total) lines together:"
        }
        return "Read \(excerpt.used.count) of \(excerpt.total) lines, the ones that name a failure:"
    }

    /// Advice as the text prints it: prose a list, each run of `$ `
    /// command lines a shell block under the item before it.
    private static func advice(_ advice: [String]) -> [String] {
        var lines: [String] = []
        var commands: [String] = []
        func flush() {
            lines += checks(commands, indent: "  ")
            commands = []
        }
        for line in advice {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("$ ") {
                commands.append(String(trimmed.dropFirst(2)))
                continue
            }
            flush()
            lines += ["", "- " + MarkdownRenderer.text(line)]
        }
        flush()
        return lines
    }

    /// The commands of a check, one shell block; none, nothing.
    private static func checks(_ commands: [String], indent: String) -> [String] {
        guard !commands.isEmpty else { return [] }
        return [""] + block(commands.map(\.escapingControls), language: "sh").map { indent + $0 }
    }

    /// A fenced block no backtick of its lines can close early.
    private static func block(_ lines: [String], language: String) -> [String] {
        let fence = MarkdownRenderer.fence(for: lines)
        return [fence + language] + lines + [fence]
    }
}
