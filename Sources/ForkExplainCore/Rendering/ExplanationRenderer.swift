/// `forkexplain explain`: the causes of an error text, most likely first,
/// each with the command that checks it; or the one cause the text names,
/// with the fix.
public struct ExplanationRenderer: Renderer {
    public typealias Subject = Explanation

    public init() {}

    public func render(_ explanation: Explanation) -> String {
        let message = explanation.message
        var lines = heading(explanation)
        lines += message.notes
        if let known = explanation.known {
            lines.append("Cause: \(known.cause.title) [\(known.cause.id)]: \(known.reason)")
            lines += known.checks.map { "     $ \($0)" }
            lines.append("Fix:")
            lines += known.fixes.map { "  - \($0)" }
            return lines.joined(separator: "\n") + "\n"
        }
        if let notTask = message.notTask {
            lines += notTask.advice
            if notTask != .noTaskNamed { return lines.joined(separator: "\n") + "\n" }
        }
        if ExplanationText.listsCauses(explanation) {
            lines.append(ExplanationText.causesIntro(explanation))
            for (index, cause) in explanation.causes.enumerated() {
                var line = "\(index + 1). \(cause.title) [\(cause.id)]"
                if let condition = cause.condition { line += " — \(condition)" }
                lines.append(line)
                lines += cause.checks.map { "     $ \($0)" }
                if let then = cause.then { lines.append("     Then: \(then)") }
            }
        }
        if let conclusion = ExplanationText.conclusion(explanation) { lines.append(conclusion) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The text read (quoted, or the lines of an excerpt by number), then
    /// what it says.
    private func heading(_ explanation: Explanation) -> [String] {
        let message = explanation.message
        let excerpt = message.excerpt
        let says = ExplanationText.says(explanation)
        guard excerpt.total > 1 else { return ["\"\(message.text.escapingControls)\": \(says)."] }
        let numbers = excerpt.used.map { String($0.number) }
        var lines =
            excerpt.readWhole
            ? ["No line names an errno or a failure forkexplain knows; read all \(excerpt.total) lines together:"]
            : [
                "Read line\(numbers.count == 1 ? "" : "s") \(numbers.joined(separator: ", ")) of \(excerpt.total), the ones that name a failure:"
            ]
        let quoted = ExplanationText.quoted(excerpt)
        lines += quoted.lines.map { "  \($0.number)| \($0.text.escapingControls)" }
        if let more = quoted.more { lines.append("  " + more) }
        lines.append("They say: \(says).")
        return lines
    }
}
