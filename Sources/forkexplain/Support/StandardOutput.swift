#if canImport(Glibc)
    import Glibc
#endif

/// Where report, check, explain and demo print. Output that cannot be
/// written ends the command with one line on stderr and `failureStatus`:
/// a report silently lost to a full disk must not look like success.
enum StandardOutput {
    static func write(_ text: String, failureStatus: Int32) {
        check(FileDescriptorWriter.write(text, to: STDOUT_FILENO), failureStatus: failureStatus)
    }

    static func write(_ bytes: [UInt8], failureStatus: Int32) {
        check(FileDescriptorWriter.write(bytes, to: STDOUT_FILENO), failureStatus: failureStatus)
    }

    private static func check(_ error: Int32, failureStatus: Int32) {
        guard error != 0 else { return }
        // The reader went away (`| head`): the pipeline's business, not an error.
        if error == EPIPE { exit(128 + SIGPIPE) }
        StandardError.write("forkexplain: cannot write to standard output: \(String(cString: strerror(error)))")
        exit(failureStatus)
    }

    static func writeLine(_ text: String, failureStatus: Int32) {
        write(text + "\n", failureStatus: failureStatus)
    }
}
