/// The C library a record's process ran on (docs/log-format.md `libc`,
/// docs/libc-facts.md): what its calls return differs, so the glibc eras
/// of docs/kernel-facts.md §6 apply to glibc records only.
enum CLibrary: Sendable, Equatable {
    case glibc
    case musl
    /// No `libc` and no `glibc` field: a record of `forkexplain watch`, or
    /// of a shim that could not tell.
    case unknown

    init(record: LogRecord) {
        switch record.libc {
        case "musl": self = .musl
        case "glibc": self = .glibc
        case nil: self = record.glibc == nil ? .unknown : .glibc
        default: self = .unknown
        }
    }
}
