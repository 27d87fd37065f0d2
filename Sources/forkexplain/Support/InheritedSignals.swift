import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The signal dispositions and mask forkexplain was started with, so `run`
/// hands its command exactly those (nohup's ignored SIGHUP included) and
/// undoes only what forkexplain itself changed.
struct InheritedSignals: @unchecked Sendable {
    let mask: sigset_t
    let ignored: Set<Int32>

    /// Taken when first used: `ForkExplain.main` touches it before anything
    /// else runs.
    static let atStart = InheritedSignals()

    private init() {
        var mask = sigset_t()
        sigemptyset(&mask)
        pthread_sigmask(SIG_BLOCK, nil, &mask)
        self.mask = mask
        ignored = Self.ignoredByKernel() ?? Set(Self.catchable.filter(Self.isIgnored))
    }

    /// The kernel's SigIgn mask from /proc/self/status. sigaction(2) through
    /// glibc cannot see signals 32 and 33, which a caller started by glibc's
    /// posix_spawn (make, for one) has ignored.
    private static func ignoredByKernel() -> Set<Int32>? {
        let descriptor = open("/proc/self/status", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 8192)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        let status = String(decoding: buffer[..<count], as: UTF8.self)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigIgn:") }),
            let mask = UInt64(line.dropFirst("SigIgn:".count).trimmingCharacters(in: .whitespaces), radix: 16)
        else { return nil }
        return Set(catchable.filter { mask & (1 << UInt64($0 - 1)) != 0 })
    }

    /// Linux signals 1...64 (_NSIG is 65), less SIGKILL and SIGSTOP.
    static let catchable: [Int32] = (1..<Int32(65)).filter { $0 != SIGKILL && $0 != SIGSTOP }

    static func isIgnored(_ signal: Int32) -> Bool {
        var action = sigaction()
        guard sigaction(signal, nil, &action) == 0 else { return false }
        // SIG_IGN is the handler value 1 (signal.h); the union is one pointer.
        return unsafeBitCast(action.__sigaction_handler, to: Int.self) == 1
    }

    /// The set for POSIX_SPAWN_SETSIGDEF: every signal the caller did not
    /// ignore. glibc's posix_spawn otherwise leaves its internal signals
    /// (32, 33) ignored in the child, and exec keeps them ignored; a handler
    /// would be reset by exec anyway.
    func spawnDefaults() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        // sigaddset(3) refuses glibc's internal signals; the kernel's set is
        // a little-endian bitmap, signal N at bit N-1.
        withUnsafeMutableBytes(of: &set) { bytes in
            for signal in Self.catchable where !ignored.contains(signal) {
                let bit = Int(signal - 1)
                bytes[bit / 8] |= UInt8(1 << (bit % 8))
            }
        }
        return set
    }

    /// Puts back the disposition `signal` had at start.
    func restore(_ signal: Int32) {
        Glibc.signal(signal, ignored.contains(signal) ? SIG_IGN : SIG_DFL)
    }

    /// Ends this process by `signal`, as its command ended, so a shell sees
    /// WIFSIGNALED and a loop's Ctrl-C stops the loop. No core of
    /// forkexplain is dumped in place of the command's.
    static func die(of signal: Int32) -> Never {
        var noCore = rlimit(rlim_cur: 0, rlim_max: 0)
        getrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &noCore)
        noCore.rlim_cur = 0
        setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &noCore)
        Glibc.signal(signal, SIG_DFL)
        var only = sigset_t()
        sigemptyset(&only)
        sigaddset(&only, signal)
        pthread_sigmask(SIG_UNBLOCK, &only, nil)
        raise(signal)
        exit(128 + signal)
    }
}
