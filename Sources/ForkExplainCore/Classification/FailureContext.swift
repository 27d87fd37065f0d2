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
    /// The glibc release; nil for musl and unknown records, so that no glibc
    /// era (docs/kernel-facts.md §6) is read into them.
    var glibc: ReleaseVersion?
    /// The musl release; nil for glibc and unknown records.
    var musl: ReleaseVersion?
    var libc: CLibrary
    /// Host or container, runtime and ids (docs/kernel-facts.md §6.15).
    var identity: ContainerIdentity

    init(record: LogRecord) {
        self.record = record
        call = record.call?.wrappedCall
        callDescription = record.call?.nameDescription ?? "unknown call"
        kind = CallKind(call: record.call)
        errno = record.call?.resolvedErrnoName
        kernel = ReleaseVersion(record.kernel)
        libc = record.cLibrary
        // The shim writes the same release to both; `glibc`, schema 1's
        // field, wins where a record was edited (Tests/scenarios/relabel.py).
        glibc = libc == .glibc ? ReleaseVersion(record.glibc ?? record.libcVersion) : nil
        musl = libc == .musl ? ReleaseVersion(record.libcVersion) : nil
        identity = ContainerIdentity(record: record)
    }

    /// Calls that reach the kernel through glibc's internal `__spawnix`.
    var isSpawnFamily: Bool {
        call?.isSpawnFamily ?? false
    }

    /// docs/kernel-facts.md §2 and §6.3: glibc 2.34 and 2.35 (bug 29109) make
    /// posix_spawn, and so system and popen, report EPERM for every clone
    /// failure. On 2.34 the EPERM then says nothing about the cause and rules
    /// must not read it; on 2.35 it may be the bug or, on a build with the
    /// release branch's fix, a real EPERM (`spawnEPERMMaybeReal`).
    var errnoHiddenByGlibc: Bool {
        guard isSpawnFamily, errno == "EPERM", let glibc else { return false }
        return glibc >= ReleaseVersion(2, 34) && glibc < ReleaseVersion(2, 36)
    }

    /// docs/kernel-facts.md §6.3: the 2.35 branch carries the fix, so a 2.35
    /// EPERM may be real (a seccomp profile) as well as the bug.
    var spawnEPERMMaybeReal: Bool {
        errnoHiddenByGlibc && glibc.map { $0 >= ReleaseVersion(2, 35) } == true
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

    // The eras of docs/kernel-facts.md §6: nil where the record lacks the
    // version that decides.

    /// §6.1: popen spawned with posix_spawn and reported every spawn failure
    /// as ENOMEM on glibc 2.29–2.37; ≤ 2.28 forked itself and 2.38+ give the
    /// real errno.
    /// musl's popen returns posix_spawn's own error (docs/libc-facts.md §2).
    var popenSaysENOMEMForAll: Bool? {
        if libc == .musl { return false }
        guard let glibc else { return nil }
        return glibc >= ReleaseVersion(2, 29) && glibc < ReleaseVersion(2, 38)
    }

    /// §6.2: system() reports a failed spawn as a shell that exited 127 (with
    /// errno set) on glibc 2.33–2.40; 2.29–2.32 and 2.41+ return -1.
    /// musl did so from 0.9.10 (system on posix_spawn) to 1.1.19; 1.1.20's
    /// 1d297a28 made it -1 (docs/libc-facts.md §2).
    var systemSays127ForSpawnFailure: Bool? {
        if libc == .musl {
            guard let musl else { return nil }
            return musl >= ReleaseVersion(0, 9, 10) && musl < ReleaseVersion(1, 1, 20)
        }
        guard let glibc else { return nil }
        return glibc >= ReleaseVersion(2, 33) && glibc < ReleaseVersion(2, 41)
    }

    /// §6.4: since 5.14 RLIMIT_NPROC counts per (user namespace, uid), with
    /// the caps of the ancestor namespaces' creators applying too.
    var rlimitNPROCPerUserNamespace: Bool? {
        kernel.map { $0 >= ReleaseVersion(5, 14) }
    }

    /// §6.5: SUSE's 3.12 kernels (SLES 12, openSUSE 13.x) carry 35f71bc0a09a
    /// and report PID exhaustion as EAGAIN, unlike mainline before 4.1.
    /// Their releases end in the flavour: `3.12.74-60.64.40-default`.
    var isSUSEKernel312: Bool {
        guard let kernel, kernel >= ReleaseVersion(3, 12), kernel < ReleaseVersion(3, 13),
            let release = record.kernel
        else { return false }
        let flavours = ["-default", "-xen", "-ec2", "-bigmem", "-pae", "-desktop"]
        return flavours.contains { release.hasSuffix($0) } || release.lowercased().contains("sles")
    }

    /// §6.10: on 3.12–4.18 a memory cgroup at its limit failed kernel-side
    /// charges (task_struct, kernel stack) with ENOMEM and no OOM kill.
    var memcgFailsWithoutOOMKill: Bool? {
        kernel.map { $0 >= ReleaseVersion(3, 12) && $0 < ReleaseVersion(4, 19) }
    }

    /// §6.9: glibc 2.34+ creates threads with clone3 and falls back to clone
    /// only on ENOSYS, so a seccomp profile answering clone3 with EPERM
    /// fails every pthread_create.
    /// musl never calls clone3, and turns every clone failure of
    /// pthread_create into EAGAIN (docs/libc-facts.md §2).
    var threadsUseClone3: Bool? {
        if libc == .musl { return false }
        return glibc.map { $0 >= ReleaseVersion(2, 34) }
    }

    /// ", musl 1.2.3" for evidence text, empty when the record does not say.
    var libcSuffix: String {
        record.libcDescription.map { ", \($0)" } ?? ""
    }

    var kernelDescription: String { record.kernel ?? "an unknown kernel" }
    var errnoDescription: String { errno ?? "an unrecorded errno" }
    var pid: PIDSnapshot { record.pid ?? PIDSnapshot() }
    var limits: LimitsSnapshot { record.limits ?? LimitsSnapshot() }
    var memory: MemorySnapshot { record.memory ?? MemorySnapshot() }
}
