/// What an error text says about the program that printed it, where that
/// changes the errno, the kind of task or the advice. Data: `ProgramCatalog`.
struct ProgramRule: Sendable {
    var program: String
    /// Lowercased substrings: the rule applies when the text holds any one.
    var anyOf: [String]
    /// ... and every one of these.
    var allOf: [String] = []
    var kind: CallKind? = nil
    /// The errnos, most likely first, when the text prints none (the
    /// program's message has no errno, but only these can lead to it).
    var errnosWhenNone: [String] = []
    var isMemoryMapping = false
    var note: String? = nil
    /// Causes that cannot apply to this program's way of creating tasks.
    var ruledOut: [String] = []
    /// Causes to list first: where the program fails says which is likelier.
    var firstCauses: [String] = []

    func matches(_ lower: String) -> Bool {
        anyOf.contains(where: lower.contains) && allOf.allSatisfy(lower.contains)
    }
}
