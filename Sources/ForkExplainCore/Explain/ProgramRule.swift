/// What an error text says about the program that printed it, where that
/// changes the errno, the kind of task or the advice. Data: `ProgramCatalog`.
struct ProgramRule: Sendable {
    var program: String
    /// Lowercased substrings: the rule applies when the text holds any one.
    var anyOf: [String]
    /// ... and every one of these.
    var allOf: [String] = []
    /// Lowercased line starts: the rule applies too when a line begins with
    /// one (a program's own name before its message, where inside a line
    /// it would be part of another's: `make: ` in `cmake: `).
    var lineStarts: [String] = []
    var kind: CallKind? = nil
    /// The errnos, most likely first, when the text prints none (the
    /// program's message has no errno, but only these can lead to it).
    var errnosWhenNone: [String] = []
    var isMemoryMapping = false
    /// What failed instead when the program's errno is not a task's (a
    /// read of a jobserver's pipe): no task limit is a cause.
    var notATask: String? = nil
    /// The call that failed when it creates no task but a task limit's
    /// cause refuses it (an execve after a uid change), for the heading.
    var failedCall: String? = nil
    var note: String? = nil
    /// Causes that cannot apply to this program's way of creating tasks.
    var ruledOut: [String] = []
    /// Causes to list first: where the program fails says which is likelier.
    var firstCauses: [String] = []
    /// When a cause applies to this program's failure, where that is not
    /// the catalog's `condition` (who an exec after a uid change exempts).
    var conditions: [String: String] = [:]
    /// Why `forkexplain run` cannot tell which cause it was, said instead
    /// of sending the reader there (the shim sees no unshare(2), no raw clone).
    var unrecorded: String? = nil

    /// The errnos a text may print for the rule to hold: a program whose
    /// words also carry other failures (C++'s std::system_error) is only
    /// this rule's with these. Empty: any.
    var errnosOnly: [String] = []
    /// The causes of an errno where the program's way of failing is not
    /// the catalog's row for it (bionic's clone refused with ENOMEM after
    /// the stack was mapped: no stack cause, docs/kernel-facts.md §11.204).
    var causesByErrno: [String: [String]] = [:]

    func allows(_ errnos: [String]) -> Bool {
        errnosOnly.isEmpty || errnos.isEmpty || errnos.contains(where: errnosOnly.contains)
    }

    func matches(_ lower: String) -> Bool {
        let started = lineStarts.contains { lower.hasPrefix($0) || lower.contains("\n" + $0) }
        return (started || anyOf.contains(where: lower.contains)) && allOf.allSatisfy(lower.contains)
    }
}
