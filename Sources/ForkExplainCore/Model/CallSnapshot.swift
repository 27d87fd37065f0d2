/// `call`: the wrapped function that failed and the error its caller saw.
struct CallSnapshot: Sendable, Encodable, Hashable {
    var name: String?
    var errno: Int?
    var errnoName: String?
    var cloneFlags: Int64?
    var stackSizeBytes: Int64?
    /// The shim's: execs of this process in flight while a thread creation
    /// failed (docs/log-format.md); nil when none were.
    var execsInFlight: Int?
    var suppressed: Int?
    var injected: Bool?

    // The shim's snake_case names, spelled out: see LogRecord.CodingKeys.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, errno
        case errnoName = "errno_name"
        case cloneFlags = "clone_flags"
        case stackSizeBytes = "stack_size_bytes"
        case execsInFlight = "execs_in_flight"
        case suppressed, injected
    }

    /// Keys of this section that nothing here reads: known, not decoded
    /// (`creates` is worked out again from `clone_flags`, `CallKind`).
    static let unreadKeys: Set<String> = ["lost", "creates"]

    init(name: String? = nil, errno: Int? = nil, errnoName: String? = nil) {
        self.name = name
        self.errno = errno
        self.errnoName = errnoName
    }

    /// The call as a known name; nil when the record names none, or one this
    /// reader does not know (its text stays in `name`).
    var wrappedCall: CallName? { name.flatMap(CallName.init(rawValue:)) }

    /// `name` for text: "unknown call" when the record has none; a kernel
    /// function that clone, clone3, fork and vfork all enter says what it
    /// was creating, from its flags (watch's "kernel_clone (thread)").
    var nameDescription: String {
        guard let name else { return "unknown call" }
        return CallKind.creates(self).map { "\(name) (\($0))" } ?? name
    }

    /// The errno's symbolic name, from the record or else from the number.
    var resolvedErrnoName: String? {
        errnoName ?? errno.flatMap(ErrnoName.name(for:))
    }
}
