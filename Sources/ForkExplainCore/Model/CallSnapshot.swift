/// `call`: the wrapped function that failed and the error its caller saw.
public struct CallSnapshot: Sendable, Codable, Hashable {
    public var name: String?
    public var errno: Int?
    public var errnoName: String?
    public var cloneFlags: Int64?
    public var stackSizeBytes: Int64?
    public var suppressed: Int?
    public var injected: Bool?

    // The shim's snake_case names, spelled out: see LogRecord.CodingKeys.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, errno
        case errnoName = "errno_name"
        case cloneFlags = "clone_flags"
        case stackSizeBytes = "stack_size_bytes"
        case suppressed, injected
    }

    /// Keys of this section that nothing here reads: known, not decoded.
    static let unreadKeys: Set<String> = ["lost"]

    public init(name: String? = nil, errno: Int? = nil, errnoName: String? = nil) {
        self.name = name
        self.errno = errno
        self.errnoName = errnoName
    }

    /// The call as a known name; nil when the record names none, or one this
    /// reader does not know (its text stays in `name`).
    public var wrappedCall: CallName? { name.flatMap(CallName.init(rawValue:)) }

    /// `name` for text: "unknown call" when the record has none.
    public var nameDescription: String { name ?? "unknown call" }

    /// The errno's symbolic name, from the record or else from the number.
    public var resolvedErrnoName: String? {
        errnoName ?? errno.flatMap(ErrnoName.name(for:))
    }
}
