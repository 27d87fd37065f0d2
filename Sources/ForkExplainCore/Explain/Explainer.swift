/// From an error text alone, the possible causes in order of likelihood.
public struct Explanation: Sendable {
    public var message: ErrorMessage
    /// The errnos the causes were drawn from (both ENOMEM and EAGAIN when
    /// the text names none).
    public var errnos: [String]
    public var causes: [CatalogCause]
}

public enum Explainer {
    public static func explain(_ text: String) -> Explanation {
        let message = ErrorMessage(text)
        let errnos = message.errno.map { [$0] } ?? ["ENOMEM", "EAGAIN"]
        let kinds: [CallKind] = message.kind == .unknown ? [.process, .thread] : [message.kind]

        var ids: [String] = []
        for errno in errnos {
            for kind in kinds {
                for row in CauseCatalog.orderings where row.errno == errno && row.kind == kind {
                    ids += row.causes.filter { !ids.contains($0) }
                }
            }
        }
        return Explanation(message: message, errnos: errnos, causes: ids.compactMap { CauseCatalog.causes[$0] })
    }
}

extension Explanation {
    public var text: String {
        let what: String
        switch message.kind {
        case .process: what = "creating a process"
        case .thread: what = "creating a thread"
        case .unknown: what = "creating a process or thread"
        }
        var lines = ["\"\(message.text)\": \(errnos.joined(separator: " or ")) while \(what)."]
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
