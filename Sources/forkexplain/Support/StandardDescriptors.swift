#if canImport(Glibc)
    import Glibc
#endif

/// Stdin, stdout or stderr closed by the caller (`2>&-`).
enum StandardDescriptors {
    /// Fills each closed one with /dev/null opened read-only and close-on-exec,
    /// before anything else opens a file: otherwise the next open (a log) would
    /// take fd 1 or 2 and receive the output meant for the terminal. Read-only,
    /// so writes still fail as on a closed descriptor; close-on-exec, so the
    /// command `run` starts finds it closed, as the caller left it.
    static func reserveClosed() {
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO]
        where fcntl(descriptor, F_GETFD) < 0 && errno == EBADF {
            let placeholder = open("/dev/null", O_RDONLY | O_CLOEXEC)
            if placeholder >= 0, placeholder != descriptor {
                close(placeholder)
                return
            }
        }
    }
}
