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
        guard !explanation.causes.isEmpty else {
            if message.notATask != nil {
                lines.append(
                    "No process or thread was refused, so no task limit is the cause: the note above says what to fix.")
                return lines.joined(separator: "\n") + "\n"
            }
            lines.append(
                "No cause of process or thread creation failure gives this error; forkexplain knows ENOMEM, EAGAIN, ENOSPC, EPERM and ENOSYS."
            )
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append(
            message.notTask == .noTaskNamed
                ? "If the program printed this when it could not start a process or thread, the usual causes, most likely first:"
                : "Possible causes, most likely first:")
        for (index, cause) in explanation.causes.enumerated() {
            var line = "\(index + 1). \(cause.title) [\(cause.id)]"
            if let condition = cause.condition { line += " — \(condition)" }
            lines.append(line)
            lines += cause.checks.map { "     $ \($0)" }
            if let then = cause.then { lines.append("     Then: \(then)") }
        }
        lines.append(
            message.unrecorded
                ?? "To know which one, run the program under `forkexplain run -- CMD`: the shim records the numbers at the moment of failure."
        )
        return lines.joined(separator: "\n") + "\n"
    }

    /// The text read (quoted, or the lines of an excerpt by number), then
    /// what it says.
    private func heading(_ explanation: Explanation) -> [String] {
        let message = explanation.message
        let excerpt = message.excerpt
        var says: String
        if let known = explanation.known {
            says = known.summary
        } else if let notTask = message.notTask {
            says = notTask.summary
        } else {
            let errnos = explanation.errnos.joined(separator: " or ")
            says =
                (message.notATask ?? message.failedCall).map { "\(errnos.isEmpty ? "an error" : errnos) from \($0)" }
                ?? (message.isMemoryMapping
                    ? "\(errnos) while mapping memory" : "\(errnos) while \(what(message.kind))")
        }
        if let program = message.program { says += ", printed by \(program)" }
        guard excerpt.total > 1 else { return ["\"\(message.text.escapingControls)\": \(says)."] }
        let numbers = excerpt.used.map { String($0.number) }
        var lines =
            excerpt.readWhole
            ? ["No line names an errno or a failure forkexplain knows; read all \(excerpt.total) lines together:"]
            : [
                "Read line\(numbers.count == 1 ? "" : "s") \(numbers.joined(separator: ", ")) of \(excerpt.total), the ones that name a failure:"
            ]
        lines += excerpt.used.prefix(12).map { "  \($0.number)| \($0.text.escapingControls)" }
        if excerpt.used.count > 12 { lines.append("  (and \(excerpt.used.count - 12) more)") }
        lines.append("They say: \(says).")
        return lines
    }

    private func what(_ kind: CallKind) -> String {
        switch kind {
        case .process: "creating a process"
        case .thread: "creating a thread"
        case .unknown: "creating a process or thread"
        }
    }
}
