/// Notes shared by the rules for errnos whose words point the wrong way.
enum MisleadingErrno {
    /// docs/kernel-facts.md §1: every limit but memory comes back as EAGAIN, whose text says
    /// "try again"; the limit holds until tasks exit or it is raised.
    static func eagainNote(_ context: FailureContext) -> String? {
        guard context.errno == "EAGAIN" else { return nil }
        return
            "EAGAIN (\"Resource temporarily unavailable\") does not mean a retry will work: the limit holds until tasks exit or it is raised."
    }

    /// docs/kernel-facts.md §2, bug 29109: on glibc 2.34/2.35 the EPERM says nothing of the cause.
    static func glibcEPERMNote(_ context: FailureContext) -> String? {
        guard context.errnoHiddenByGlibc else { return nil }
        return
            "EPERM here is not a permission problem: glibc \(context.record.glibc ?? "2.34/2.35") (bug 29109) makes \(context.callDescription) report EPERM for every clone failure."
    }

    /// docs/kernel-facts.md §6.1: popen on glibc 2.29–2.37 turns any spawn
    /// failure into ENOMEM; 2.38 and later, and ≤ 2.28, give the real errno.
    static func popenNote(_ context: FailureContext) -> String? {
        guard context.call == .popen, context.errno == "ENOMEM", context.popenSaysENOMEMForAll != false else {
            return nil
        }
        let glibc = context.record.glibc.map { " (this is \($0))" } ?? ""
        return
            "ENOMEM from popen does not mean memory: glibc 2.29–2.37's popen\(glibc) reports every spawn failure as ENOMEM."
    }

    /// The first note that applies, for verdicts whose cause is not memory.
    static func notMemoryNote(_ context: FailureContext) -> String? {
        glibcEPERMNote(context) ?? popenNote(context) ?? eagainNote(context)
    }
}
