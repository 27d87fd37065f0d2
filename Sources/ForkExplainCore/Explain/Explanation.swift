/// From an error text alone, the possible causes in order of likelihood,
/// or the one cause the text establishes.
public struct Explanation: Sendable {
    var message: ErrorMessage
    /// The errnos the causes were drawn from (both ENOMEM and EAGAIN when
    /// the text names none).
    var errnos: [String]
    var causes: [CatalogCause]

    var known: KnownCause? { message.known }
}
