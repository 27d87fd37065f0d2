/// The errnos that matter when creating a task, by Linux number (x86_64 and
/// aarch64 share them). Records carry the name; this serves records that do
/// not, and `explain` inputs like `error=12`.
public enum ErrnoName {
    static let table: [(number: Int, name: String, message: String)] = [
        (1, "EPERM", "Operation not permitted"),
        (2, "ENOENT", "No such file or directory"),
        (10, "ECHILD", "No child processes"),
        (11, "EAGAIN", "Resource temporarily unavailable"),
        (12, "ENOMEM", "Cannot allocate memory"),
        (13, "EACCES", "Permission denied"),
        (22, "EINVAL", "Invalid argument"),
        (24, "EMFILE", "Too many open files"),
        // An exec of a file still open for writing: Node's `spawn ETXTBSY`
        // when a browser binary is run while it is still being unpacked,
        // not a refused task (docs/kernel-facts.md §11.119).
        (26, "ETXTBSY", "Text file busy"),
        (28, "ENOSPC", "No space left on device"),
        (38, "ENOSYS", "Function not implemented"),
        (87, "EUSERS", "Too many users"),
    ]

    static func name(for number: Int) -> String? {
        table.first { $0.number == number }?.name
    }

    static func number(for name: String) -> Int? {
        table.first { $0.name == name }?.number
    }

    /// strerror(3)'s text, the words programs print.
    public static func message(for name: String) -> String? {
        table.first { $0.name == name }?.message
    }
}
