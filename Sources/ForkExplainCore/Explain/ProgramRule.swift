/// What an error text says about the program that printed it, where that
/// changes the errno, the kind of task or the advice. Data: `ProgramCatalog`.
struct ProgramRule: Sendable {
    var program: String
    /// Lowercased substrings: the rule applies when the text holds any one.
    var anyOf: [String]
    /// ... and every one of these.
    var allOf: [String] = []
    var kind: CallKind? = nil
    /// The errno when the text prints none (the program's message has no
    /// errno, but only one can lead to it).
    var errnoWhenNone: String? = nil
    var isMemoryMapping = false
    var note: String? = nil
    /// Causes that cannot apply to this program's way of creating tasks.
    var ruledOut: [String] = []

    func matches(_ lower: String) -> Bool {
        anyOf.contains(where: lower.contains) && allOf.allSatisfy(lower.contains)
    }
}
