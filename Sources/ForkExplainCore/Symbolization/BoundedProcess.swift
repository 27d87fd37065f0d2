import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Runs a helper (llvm-symbolizer, debuginfod-find) whose input comes from
/// a log and whose time is the reader's: its output is read up to
/// `maximumOutput` and it is killed at `deadline`. Standard input is a file,
/// never a pipe, so writing requests cannot deadlock with reading answers.
///
/// Started with posix_spawn and reaped with waitpid, on the calling thread:
/// Foundation's `Process` starts a monitoring thread first and waits for it
/// without a bound, so where a pids limit refuses that thread (the very
/// machines forkexplain is run on) `report` and `run` would hang for ever.
/// Here a refused helper is only a frame left unnamed.
struct BoundedProcess {
    var executable: String
    var arguments: [String]
    /// Nil: this process's own.
    var environment: [String: String]?
    var deadline: Duration
    var maximumOutput: Int

    /// The helper's standard output, cut at the bounds; nil when it could
    /// not be started. `status` is nil when it was killed or did not exit.
    func run(input: FileHandle? = nil) -> (output: [UInt8], status: Int32?)? {
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else { return nil }
        // Not inherited by anything else this process starts meanwhile.
        pipeEnds.forEach { _ = fcntl($0, F_SETFD, FD_CLOEXEC) }
        defer { close(pipeEnds[0]) }
        let pid = spawn(stdin: input?.fileDescriptor, stdout: pipeEnds[1])
        close(pipeEnds[1])
        guard let pid else { return nil }

        let end = ContinuousClock.now + deadline
        let output = Self.read(pipeEnds[0], until: end, maximum: maximumOutput)
        // Its output ends a moment before it exits: wait for that, to the deadline.
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped < 0, errno != EINTR { return (output, nil) }
            if ContinuousClock.now >= end || output.count >= maximumOutput {
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0, errno == EINTR {}
                return (output, nil)
            }
            usleep(2_000)
        }
        // WIFEXITED and WEXITSTATUS are macros Swift cannot import.
        let exited = status & 0x7f == 0
        return (output, exited ? (status >> 8) & 0xff : nil)
    }

    /// The helper with standard input `stdin` (else /dev/null), standard
    /// output `stdout` and standard error /dev/null; nil if it could not start.
    private func spawn(stdin: Int32?, stdout: Int32) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdin {
            posix_spawn_file_actions_adddup2(&actions, stdin, STDIN_FILENO)
        } else {
            posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, stdout, STDOUT_FILENO)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer {
            argv.forEach { free($0) }
            envp?.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status: Int32
        if let envp {
            status = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        } else {
            status = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        }
        return status == 0 ? pid : nil
    }

    /// Reads `descriptor` to its end, to `maximum` bytes, or to `end`.
    private static func read(_ descriptor: Int32, until end: ContinuousClock.Instant, maximum: Int) -> [UInt8] {
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while output.count < maximum {
            let left = ContinuousClock.now.duration(to: end)
            guard left > .zero else { break }
            let (seconds, attoseconds) = left.components
            let milliseconds = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, milliseconds)
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { break }
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            output += chunk.prefix(min(count, maximum - output.count))
        }
        return output
    }
}
