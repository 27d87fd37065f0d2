import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The PID namespace of a `check --pid` target, as the target sees it.
///
/// Since Linux 6.14 `kernel.pid_max` is per PID namespace, and the sysctl
/// answers for the namespace of the task that reads it, not for the /proc it
/// is read through (docs/kernel-facts.md §6): reading it from here, even
/// through `/proc/PID/root/proc`, gives this namespace's value. So a helper
/// is started inside the target's namespace (setns(CLONE_NEWPID) on this
/// thread, then posix_spawn, whose child is born there) and reads it.
enum TargetNamespace {
    static let cloneNewPID: Int32 = 0x2000_0000

    /// True when `pid` lives in another PID namespace than this process.
    /// Without the right to read its `ns/pid` (another user's process), its
    /// `NSpid:` line tells: one number means this /proc's own namespace.
    static func differs(pid: Int32) -> Bool? {
        if let target = inode("/proc/\(pid)/ns/pid"), let own = inode("/proc/self/ns/pid") { return target != own }
        guard let numbers = TargetState.field("NSpid:", pid: pid) else { return nil }
        return numbers.split(whereSeparator: \.isWhitespace).count != 1
    }

    /// The target namespace's `kernel.pid_max`, or nil when it could not be
    /// read (no permission to enter, the namespace has no free PID, ...).
    static func pidMax(pid: Int32) -> Int64? {
        typealias SetNS = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "setns") else { return nil }
        let setns = unsafeBitCast(symbol, to: SetNS.self)
        let target = open("/proc/\(pid)/ns/pid", O_RDONLY | O_CLOEXEC)
        let own = open("/proc/self/ns/pid", O_RDONLY | O_CLOEXEC)
        defer {
            if target >= 0 { close(target) }
            if own >= 0 { close(own) }
        }
        guard target >= 0, own >= 0 else { return nil }
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else { return nil }
        _ = fcntl(pipeEnds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(pipeEnds[1], F_SETFD, FD_CLOEXEC)
        defer { close(pipeEnds[0]) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], STDOUT_FILENO)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
        let arguments = ["cat", "/proc/sys/kernel/pid_max"]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var environment: [UnsafeMutablePointer<CChar>?] = [nil]

        var child: pid_t = 0
        // Only this thread's children change namespace; restored at once.
        guard setns(target, cloneNewPID) == 0 else {
            close(pipeEnds[1])
            return nil
        }
        let spawned = posix_spawn(&child, "/bin/cat", &actions, nil, &argv, &environment)
        // Back to this process's own namespace: always allowed (it is the
        // caller's active one), and nothing else is started after this.
        _ = setns(own, cloneNewPID)
        close(pipeEnds[1])
        guard spawned == 0 else { return nil }

        var buffer = [UInt8](repeating: 0, count: 64)
        var length = 0
        while length < buffer.count {
            let count = buffer.withUnsafeMutableBytes { bytes in
                bytes.baseAddress.map { read(pipeEnds[0], $0 + length, bytes.count - length) } ?? -1
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            length += count
        }
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0, errno == EINTR {}
        let text = String(decoding: buffer.prefix(length), as: UTF8.self)
        return Int64(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private static func inode(_ path: String) -> UInt64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return UInt64(info.st_ino)
    }
}

/// `State:` of `/proc/PID/status`: a zombie has no limits left to check.
enum TargetState {
    /// The state letter (`R`, `S`, `Z`, ...), or nil when the process is gone.
    static func letter(pid: Int32) -> Character? {
        field("State:", pid: pid)?.first
    }

    /// The value of one line of `/proc/PID/status`, without leading blanks.
    static func field(_ name: String, pid: Int32) -> Substring? {
        let root = ProcessInfo.processInfo.environment["FORKEXPLAIN_PROC_ROOT"] ?? "/proc"
        // read(2) itself: /proc files report a size of 0.
        let descriptor = open("\(root)/\(pid)/status", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        let status = String(decoding: buffer.prefix(count), as: UTF8.self)
        for line in status.split(separator: "\n") where line.hasPrefix(name) {
            return line.dropFirst(name.count).drop { $0.isWhitespace }
        }
        return nil
    }
}
