import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A command started with posix_spawnp, waited for with its signals forwarded.
struct ChildProcess {
    /// What `run` passes on: a terminal's or supervisor's request to stop.
    static let forwardedSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    enum Termination: Equatable {
        case exited(Int32)
        case signaled(Int32)
        case timedOut

        /// The status a shell would report: 128 + signal when killed.
        var shellStatus: Int32 {
            switch self {
            case .exited(let status): status
            case .signaled(let signal): 128 + signal
            case .timedOut: 128 + SIGKILL
            }
        }
    }

    let pid: pid_t
    let command: String

    /// Starts `arguments[0]`, searched in PATH, with the signal mask and
    /// ignored signals forkexplain was started with. Arguments and
    /// environment entries are bytes, passed unchanged. `outputPath`, when
    /// given, receives the child's stdout and stderr.
    static func spawn(_ arguments: [[UInt8]], environment: [[UInt8]], outputPath: String? = nil) throws
        -> ChildProcess
    {
        guard let first = arguments.first else {
            throw CommandFailure(message: "no command given: forkexplain run [--log PATH] [--] CMD [ARGS...]")
        }
        let command = String(decoding: first, as: UTF8.self)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // What the caller ignored (nohup's SIGHUP) stays ignored and its mask
        // stays; everything else starts at its default, as after a bare exec.
        let inherited = InheritedSignals.atStart
        var defaults = inherited.spawnDefaults()
        var mask = inherited.mask
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let outputPath {
            posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO)
        }

        let argv = arguments.map(Self.cString) + [nil]
        let envp = environment.map(Self.cString) + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }

        var pid: pid_t = 0
        let status = posix_spawnp(&pid, command, &actions, &attributes, argv, envp)
        guard status == 0 else {
            let reason = status == ENOENT ? "command not found" : String(cString: strerror(status))
            // The shell's conventions: 127 not found, 126 found but not runnable.
            throw CommandFailure(
                message: "cannot run \(command): \(reason)", status: status == ENOENT ? 127 : 126)
        }
        return ChildProcess(pid: pid, command: command)
    }

    /// Waits for the child, passing SIGINT/SIGTERM/SIGHUP/SIGQUIT on to it,
    /// and kills it once `timeout` has passed.
    func wait(timeout: Duration? = nil) -> Termination {
        // A plain handler, not a dispatch source: the command may fill the
        // pids cgroup `run` shares with it, and libdispatch, refused the
        // thread a source needs, retries every 10 ms for ever.
        forwardedChild = pid
        for signal in Self.forwardedSignals {
            Glibc.signal(signal) { kill(forwardedChild, $0) }
        }
        defer { Self.forwardedSignals.forEach(InheritedSignals.atStart.restore) }

        var status: Int32 = 0
        if let timeout {
            let deadline = ContinuousClock.now.advanced(by: timeout)
            while true {
                let reaped = waitpid(pid, &status, WNOHANG)
                if reaped == pid { break }
                if reaped < 0, errno != EINTR { return .exited(127) }
                if ContinuousClock.now >= deadline {
                    kill(pid, SIGKILL)
                    _ = reapBlocking(&status)
                    return .timedOut
                }
                usleep(20_000)
            }
        } else if !reapBlocking(&status) {
            return .exited(127)
        }
        return Self.termination(status)
    }

    private func reapBlocking(_ status: inout Int32) -> Bool {
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return false }
        }
        return true
    }

    /// A malloc'ed NUL-terminated copy of `bytes`, for argv and envp.
    private static func cString(_ bytes: [UInt8]) -> UnsafeMutablePointer<CChar>? {
        guard let copy = malloc(bytes.count + 1)?.assumingMemoryBound(to: CChar.self) else { return nil }
        for (index, byte) in bytes.enumerated() { copy[index] = CChar(bitPattern: byte) }
        copy[bytes.count] = 0
        return copy
    }

    /// WIFEXITED/WEXITSTATUS/WTERMSIG are C macros Swift cannot import.
    static func termination(_ status: Int32) -> Termination {
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
    }
}

/// The child `run`'s signals go on to, read by their handler: set before
/// any handler is installed, and a plain integer the handler can read.
nonisolated(unsafe) private var forwardedChild: pid_t = 0
