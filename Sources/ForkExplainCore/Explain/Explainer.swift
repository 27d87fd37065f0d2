public enum Explainer {
    public static func explain(_ text: String) -> Explanation {
        let message = ErrorMessage(text)
        let notTask = message.notTask.map { $0 != .noTaskNamed } ?? false
        if message.known != nil || message.notATask != nil || notTask {
            return Explanation(message: message, errnos: message.errnos, causes: [])
        }
        if message.isMemoryMapping {
            let errnos = message.errnos.isEmpty ? ["ENOMEM"] : message.errnos
            let ids = errnos.contains("ENOMEM") ? ranked(CauseCatalog.memoryMapping, for: message) : []
            return Explanation(
                message: message, errnos: errnos,
                causes: conditioned(ids.compactMap { CauseCatalog.causes[$0] }, message))
        }
        let errnos = message.errnos.isEmpty ? unnamedErrnos(message) : message.errnos
        let kinds: [CallKind] = message.kind == .unknown ? [.process, .thread] : [message.kind]

        var ids: [String] = []
        for errno in errnos {
            if let own = message.causesByErrno[errno] {
                ids += own.filter { !ids.contains($0) }
                continue
            }
            for kind in kinds where !Self.threadOnly(errno, kind, message) {
                for row in CauseCatalog.orderings where row.errno == errno && row.kind == kind {
                    ids += row.causes.filter { !ids.contains($0) }
                }
            }
        }
        return Explanation(
            message: message, errnos: errnos, causes: conditioned(oncePerVerdict(ranked(ids, for: message)), message))
    }

    /// The program's own conditions in place of the catalog's.
    private static func conditioned(_ causes: [CatalogCause], _ message: ErrorMessage) -> [CatalogCause] {
        causes.map { cause in
            var cause = cause
            if let condition = message.conditions[cause.id] { cause.condition = condition }
            return cause
        }
    }

    /// A text that names no errno takes the causes of two: pid_max is then
    /// both the old kernels' ENOMEM and today's EAGAIN, one limit twice.
    /// The first, the likelier, stays (`CauseCatalog.sameLimit`).
    private static func oncePerVerdict(_ ids: [String]) -> [CatalogCause] {
        let kept = ids.enumerated().filter { index, id in
            guard let other = CauseCatalog.sameLimit[id] else { return true }
            return !ids[..<index].contains(other)
        }
        return kept.compactMap { CauseCatalog.causes[$0.element] }
    }

    /// An ENOMEM that does not say it was a thread is a process's: only a
    /// C library other than glibc returns it from pthread_create.
    private static func threadOnly(_ errno: String, _ kind: CallKind, _ message: ErrorMessage) -> Bool {
        errno == "ENOMEM" && kind == .thread && message.kind != .thread
    }

    /// The errnos a text that prints none can stand for. `pthread_create`
    /// never returns ENOMEM (docs/kernel-facts.md §2: a failed stack mapping
    /// comes back as EAGAIN), but EPERM from clone3 passes through (§6.9).
    private static func unnamedErrnos(_ message: ErrorMessage) -> [String] {
        message.text.lowercased().contains("pthread_create") ? ["EAGAIN", "EPERM"] : ["ENOMEM", "EAGAIN"]
    }

    /// Causes the program rules out are dropped; those its printed numbers
    /// point at come first.
    private static func ranked(_ ids: [String], for message: ErrorMessage) -> [String] {
        let kept = ids.filter { !message.ruledOut.contains($0) }
        let first = message.firstCauses.filter(kept.contains)
        return first + kept.filter { !first.contains($0) }
    }
}
