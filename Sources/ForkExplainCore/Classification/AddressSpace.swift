/// A 32-bit process whose address space is used up (docs/kernel-facts.md
/// §11.4): no RLIMIT_AS is set, RAM is free, but a new thread's stack or a
/// fork's copy has no room left below the kernel's split. No verdict of the
/// stable table names this (`rlimit_as` needs a limit that is not set), so
/// it stays `unexplained` with the numbers that point at it, and the address
/// space named as what bound.
enum AddressSpace {
    /// The user address space of a process on a 32-bit x86 or ARM kernel
    /// with the default 3G/1G split (CONFIG_VMSPLIT_3G: PAGE_OFFSET
    /// 0xC0000000, docs/kernel-facts.md §11.4).
    static let split3GKb: Int64 = 3 * 1024 * 1024
    /// Closer than this to the ceiling, a thread stack (8 MiB by default,
    /// 0.5–1 MiB for a JVM) and its guard may not fit among the mappings.
    static let nearShare = 0.95
    /// The guard page glibc puts below a thread's stack (4 KiB pages).
    static let guardKb: Int64 = 4

    /// What the reader found: the lines to show, and the address space as
    /// the binding limit when the numbers say the stack cannot fit.
    struct Finding {
        var evidence: [String] = []
        var advice: [String] = []
        var binding: BindingLimit?
    }

    /// True for a release of a 32-bit x86 or ARM kernel
    /// (`2.6.32-754.el6.i686`, `4.19.0-6-686-pae`, Fedora's
    /// `4.9.5-200.fc25.armv7hl+lpae`, Debian's `4.19.0-6-armmp-lpae`).
    static func is32BitKernel(_ release: String?) -> Bool {
        guard let release else { return false }
        return ["i386", "i486", "i586", "i686", "-686", "686-pae"].contains { release.hasSuffix($0) }
            || release.contains(".i686") || release.contains("-686-")
            || release.contains(".armv7hl") || release.contains("-armmp")
    }

    /// The stack a refused thread asked for, with its guard page: the
    /// attributes' size, which is `RLIMIT_STACK` soft for default attributes
    /// (docs/log-format.md `call.stack_size_bytes`).
    static func stackNeededKb(_ context: FailureContext) -> Int64? {
        guard context.call == .pthreadCreate, let bytes = context.record.call?.stackSizeBytes, bytes > 0 else {
            return nil
        }
        return (bytes + 1023) / 1024 + guardKb
    }

    static func lines(for context: FailureContext) -> Finding {
        // The size first: the release's text matching (Foundation's
        // contains, Character-wise suffixes) was most of an unexplained
        // record's cost, and few processes come near 3 GiB.
        guard let size = context.memory.vmSizeKb else { return Finding() }
        let needed = stackNeededKb(context)
        let noRoom = needed.map { size + $0 > split3GKb } ?? false
        guard noRoom || Double(size) >= Double(split3GKb) * nearShare, is32BitKernel(context.record.kernel) else {
            return Finding()
        }
        let asLimit = context.limits.as?.soft?.number.map { "RLIMIT_AS \(Quantity.bytes($0))" } ?? "RLIMIT_AS unlimited"
        let left = Quantity.kibibytes(split3GKb - size)
        var finding = Finding(
            evidence: [
                "VmSize \(Quantity.kibibytes(size)) of the 3 GiB a process can address on this 32-bit kernel (\(context.kernelDescription), 3G/1G split), \(left) left: a new thread's stack or a fork's mappings may find no room, and mmap's ENOMEM reaches \(context.callDescription) as \(context.call == .pthreadCreate ? "EAGAIN" : "ENOMEM"); no RLIMIT_AS is involved (\(asLimit)), so this is the address space itself, which no limit of the verdict table names"
            ],
            advice: [
                "Give the address space back: a smaller heap (-Xmx) and smaller thread stacks (-Xss, `ulimit -s`), fewer threads, or a 64-bit build of the program and kernel."
            ])
        if let needed, noRoom {
            finding.evidence.insert(
                "this thread asked for a \(Quantity.kibibytes(needed - guardKb)) stack (and a \(Quantity.kibibytes(guardKb)) guard page): \(Quantity.kibibytes(size)) + \(Quantity.kibibytes(needed)) > 3 GiB, so it cannot fit below the split however the mappings lie",
                at: 1)
            finding.advice.insert(
                "Ask for a smaller stack: \(Quantity.kibibytes(needed - guardKb)) is what this thread requested (a JVM's -Xss, .NET's `DOTNET_DefaultStackSize`, in hexadecimal bytes, pthread_attr_setstacksize(), or `ulimit -s`, whose soft value glibc uses for default attributes); 512 KiB to 1 MiB is plenty for most threads.",
                at: 0)
            finding.binding = BindingLimit(
                key: "address-space:3G",
                name: "the 3 GiB user address space of a 32-bit process (3G/1G split; no limit of the verdict table)")
        }
        return finding
    }
}
