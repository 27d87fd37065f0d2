/// A cause the text itself establishes (the kernel naming the cgroup whose
/// fork it refused, a start-up check naming its limit), with the fix for
/// whoever owns it.
struct KnownCause: Sendable {
    var cause: CatalogCause
    /// What happened, for the first line: "EAGAIN to a fork or clone".
    var summary: String
    var kind: CallKind
    /// The errno the failure had, when the line implies one.
    var errno: String?
    var reason: String
    var checks: [String]
    var fixes: [String]
}
