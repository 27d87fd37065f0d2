/// A failure record with the facts every rule asks about worked out once.
struct FailureContext: Sendable {
    var record: LogRecord
    /// The failed call, nil when the record names none or one this reader
    /// does not know: rules then match on the numbers alone.
    var call: CallName?
    /// The call as the record names it, for evidence text.
    var callDescription: String
    var kind: CallKind
    /// The errno name the caller saw (`ENOMEM`), nil when the record lacks it.
    var errno: String?
    var kernel: ReleaseVersion?
    var glibc: ReleaseVersion?
    /// Host or container, runtime and ids (docs/kernel-facts.md §6.15).
    var identity: ContainerIdentity

    init(record: LogRecord) {
        self.record = record
        call = record.call?.wrappedCall
        callDescription = record.call?.nameDescription ?? "unknown call"
        kind = CallKind(call: record.call)
        errno = record.call?.resolvedErrnoName
        kernel = ReleaseVersion(record.kernel)
        glibc = ReleaseVersion(record.glibc)
        identity = ContainerIdentity(record: record)
    }

    /// Calls that reach the kernel through glibc's internal `__spawnix`.
    var isSpawnFamily: Bool {
        call?.isSpawnFamily ?? false
    }

    /// docs/kernel-facts.md §2: glibc 2.34/2.35 (bug 29109) make posix_spawn, and so system
    /// and popen, report EPERM for every clone failure. The errno then says
    /// nothing about the cause, and rules must not read it.
    var errnoHiddenByGlibc: Bool {
        guard isSpawnFamily, errno == "EPERM", let glibc else { return false }
        return glibc >= ReleaseVersion(2, 34) && glibc < ReleaseVersion(2, 36)
    }

    /// True when the errno is one of `names`, or when it cannot be trusted.
    func errnoIs(_ names: String...) -> Bool {
        if errnoHiddenByGlibc { return true }
        guard let errno else { return false }
        return names.contains(errno)
    }

    /// What a memory shortage looks like to this call (docs/kernel-facts.md §1 and §2):
    /// ENOMEM from the kernel, turned into EAGAIN by pthread_create.
    var errnoSaysMemory: Bool {
        call == .pthreadCreate ? errnoIs("EAGAIN") : errnoIs("ENOMEM")
    }

    /// Whether the call copies the caller's private memory (fork) rather than
    /// sharing it (vfork, posix_spawn's CLONE_VM|CLONE_VFORK, threads).
    var copiesAddressSpace: Bool {
        switch call {
        case .fork, .underscoreFork, .forkpty, .daemon: return true
        case .clone: return (record.call?.cloneFlags ?? 0) & CallKind.cloneVM == 0
        default: return false
        }
    }

    var kernelDescription: String { record.kernel ?? "an unknown kernel" }
    var errnoDescription: String { errno ?? "an unrecorded errno" }
    var pid: PIDSnapshot { record.pid ?? PIDSnapshot() }
    var limits: LimitsSnapshot { record.limits ?? LimitsSnapshot() }
    var memory: MemorySnapshot { record.memory ?? MemorySnapshot() }
}
