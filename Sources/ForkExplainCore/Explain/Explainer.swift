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
