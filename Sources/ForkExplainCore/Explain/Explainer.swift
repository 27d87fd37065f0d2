public enum Explainer {
    public static func explain(_ text: String) -> Explanation {
        let message = ErrorMessage(text)
        if message.known != nil {
            return Explanation(message: message, errnos: message.errnos, causes: [])
        }
        if message.isMemoryMapping {
            let errnos = message.errnos.isEmpty ? ["ENOMEM"] : message.errnos
            let ids = errnos.contains("ENOMEM") ? ranked(CauseCatalog.memoryMapping, for: message) : []
            return Explanation(message: message, errnos: errnos, causes: ids.compactMap { CauseCatalog.causes[$0] })
        }
        let errnos = message.errnos.isEmpty ? ["ENOMEM", "EAGAIN"] : message.errnos
        let kinds: [CallKind] = message.kind == .unknown ? [.process, .thread] : [message.kind]

        var ids: [String] = []
        for errno in errnos {
            for kind in kinds {
                for row in CauseCatalog.orderings where row.errno == errno && row.kind == kind {
                    ids += row.causes.filter { !ids.contains($0) }
                }
            }
        }
        return Explanation(
            message: message, errnos: errnos, causes: ranked(ids, for: message).compactMap { CauseCatalog.causes[$0] })
    }

    /// Causes the program rules out are dropped; those its printed numbers
    /// point at come first.
    private static func ranked(_ ids: [String], for message: ErrorMessage) -> [String] {
        let kept = ids.filter { !message.ruledOut.contains($0) }
        let first = message.firstCauses.filter(kept.contains)
        return first + kept.filter { !first.contains($0) }
    }
}
