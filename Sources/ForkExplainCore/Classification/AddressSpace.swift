/// A 32-bit process whose address space is used up (docs/kernel-facts.md
/// §11.4): no RLIMIT_AS is set, RAM is free, but a new thread's stack or a
/// fork's copy has no room left below the kernel's split. No verdict of the
/// stable table names this (`rlimit_as` needs a limit that is not set), so
/// it stays `unexplained` with the numbers that point at it.
enum AddressSpace {
    /// The user address space of a process on a 32-bit x86 kernel with the
    /// default 3G/1G split (CONFIG_VMSPLIT_3G: PAGE_OFFSET 0xC0000000).
    static let split3GKb: Int64 = 3 * 1024 * 1024
    /// Closer than this to the ceiling, a thread stack (8 MiB by default,
    /// 0.5–1 MiB for a JVM) and its guard may not fit among the mappings.
    static let nearShare = 0.95

    /// True for a release of a 32-bit x86 kernel (`2.6.32-754.el6.i686`,
    /// `4.19.0-6-686-pae`).
    static func is32BitKernel(_ release: String?) -> Bool {
        guard let release else { return false }
        return ["i386", "i486", "i586", "i686", "-686", "686-pae"].contains { release.hasSuffix($0) }
            || release.contains(".i686") || release.contains("-686-")
    }

    static func lines(for context: FailureContext) -> (evidence: [String], advice: [String]) {
        // The size first: the release's text matching (Foundation's
        // contains, Character-wise suffixes) was most of an unexplained
        // record's cost, and few processes come near 3 GiB.
        guard let size = context.memory.vmSizeKb, Double(size) >= Double(split3GKb) * nearShare,
            is32BitKernel(context.record.kernel)
        else { return ([], []) }
        let asLimit = context.limits.as?.soft?.number.map { "RLIMIT_AS \(Quantity.bytes($0))" } ?? "RLIMIT_AS unlimited"
        let left = Quantity.kibibytes(split3GKb - size)
        return (
            [
                "VmSize \(Quantity.kibibytes(size)) of the 3 GiB a process can address on this 32-bit kernel (\(context.kernelDescription), 3G/1G split), \(left) left: a new thread's stack or a fork's mappings may find no room, and mmap's ENOMEM reaches \(context.callDescription) as \(context.call == .pthreadCreate ? "EAGAIN" : "ENOMEM"); no RLIMIT_AS is involved (\(asLimit)), so this is the address space itself, which no limit of the verdict table names"
            ],
            [
                "Give the address space back: a smaller heap (-Xmx) and smaller thread stacks (-Xss, `ulimit -s`), fewer threads, or a 64-bit build of the program and kernel."
            ]
        )
    }
}
