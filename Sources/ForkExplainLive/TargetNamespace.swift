import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Whether a `check --pid` target lives in another PID namespace: since
/// Linux 6.14 `kernel.pid_max` is per namespace and answers for the reader's
/// own (docs/kernel-facts.md §6.19), so the collector must have read it from
/// inside the target's.
enum TargetNamespace {
    /// True when `pid` lives in another PID namespace than this process.
    /// Without the right to read its `ns/pid` (another user's process), its
    /// `NSpid:` line tells: one number means this /proc's own namespace.
    static func differs(pid: Int32) -> Bool? {
        if let target = inode("/proc/\(pid)/ns/pid"), let own = inode("/proc/self/ns/pid") { return target != own }
        guard let numbers = TargetState.field("NSpid:", pid: pid) else { return nil }
        return numbers.split(whereSeparator: \.isWhitespace).count != 1
    }

    /// True when this process is in the initial PID namespace of the real
    /// /proc (not a replayed tree): the kernel.pid_max it reads is the host's.
    static var readerIsOnTheHost: Bool {
        guard ProcessInfo.processInfo.environment["FORKEXPLAIN_PROC_ROOT"] == nil else { return false }
        return inode("/proc/self/ns/pid") == 4_026_531_836  // PROC_PID_INIT_INO
    }

    /// kernel.pid_max as this process's own PID namespace has it.
    static func ownPIDMax() -> Int64? {
        guard let text = try? String(contentsOfFile: "/proc/sys/kernel/pid_max", encoding: .utf8) else { return nil }
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
