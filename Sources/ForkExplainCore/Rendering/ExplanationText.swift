/// The sentences `explain` prints in every format, so that the text, the
/// Markdown and the JSON of one explanation cannot say different things.
enum ExplanationText {
    /// How many of the lines read the text and the Markdown quote; a longer
    /// excerpt's rest is counted ("(and N more)"), and JSON keeps every
    /// line (docs/design.md, `lines_read`).
    static let quotedLines = 12

    /// The lines read that are quoted, and the note on the rest, if any.
    static func quoted(_ excerpt: MessageExcerpt) -> (lines: [MessageExcerpt.Line], more: String?) {
        let rest = excerpt.used.count - quotedLines
        return (Array(excerpt.used.prefix(quotedLines)), rest > 0 ? "(and \(rest) more)" : nil)
    }

    /// What the text says, for the first line ("They say: ..."), without
    /// the closing full stop.
    static func says(_ explanation: Explanation) -> String {
        let message = explanation.message
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
        return says
    }

    /// Whether the causes are listed at all: not for a known cause, nor for
    /// a text that is plainly something else (an OOM kill, a full disk).
    static func listsCauses(_ explanation: Explanation) -> Bool {
        guard explanation.known == nil else { return false }
        if let notTask = explanation.message.notTask, notTask != .noTaskNamed { return false }
        return !explanation.causes.isEmpty
    }

    /// The line above the numbered causes.
    static func causesIntro(_ explanation: Explanation) -> String {
        explanation.message.notTask == .noTaskNamed
            ? "If the program printed this when it could not start a process or thread, the usual causes, most likely first:"
            : "Possible causes, most likely first:"
    }

    /// The last line: how to tell the causes apart, or why none is listed.
    static func conclusion(_ explanation: Explanation) -> String? {
        let message = explanation.message
        if explanation.known != nil { return nil }
        if let notTask = message.notTask, notTask != .noTaskNamed { return nil }
        guard !explanation.causes.isEmpty else {
            return message.notATask != nil
                ? "No process or thread was refused, so no task limit is the cause: the note above says what to fix."
                : "No cause of process or thread creation failure gives this error; forkexplain knows ENOMEM, EAGAIN, ENOSPC, EPERM and ENOSYS."
        }
        return message.unrecorded
            ?? "To know which one, run the program under `forkexplain run -- CMD`: the shim records the numbers at the moment of failure."
    }

    static func what(_ kind: CallKind) -> String {
        switch kind {
        case .process: "creating a process"
        case .thread: "creating a thread"
        case .unknown: "creating a process or thread"
        }
    }
}
