/// `forkexplain explain`: the causes of an error text, most likely first,
/// each with the command that checks it.
public struct ExplanationRenderer: Renderer {
    public typealias Subject = Explanation

    public init() {}

    public func render(_ explanation: Explanation) -> String {
        let message = explanation.message
        let errnos = explanation.errnos
        let causes = explanation.causes
        let what: String
        switch message.kind {
        case .process: what = "creating a process"
        case .thread: what = "creating a thread"
        case .unknown: what = "creating a process or thread"
        }
        var lines = ["\"\(message.text.escapingControls)\": \(errnos.joined(separator: " or ")) while \(what)."]
        lines += message.notes
        guard !causes.isEmpty else {
            lines.append(
                "No cause of process or thread creation failure gives this error; forkexplain knows ENOMEM, EAGAIN, ENOSPC, EPERM and ENOSYS."
            )
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append("Possible causes, most likely first:")
        for (index, cause) in causes.enumerated() {
            var line = "\(index + 1). \(cause.title) [\(cause.id)]"
            if let condition = cause.condition { line += " — \(condition)" }
            lines.append(line)
            lines += cause.checks.map { "     $ \($0)" }
        }
        lines.append(
            "To know which one, run the program under `forkexplain run -- CMD`: the shim records the numbers at the moment of failure."
        )
        return lines.joined(separator: "\n") + "\n"
    }
}
