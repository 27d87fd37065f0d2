/// The errno each cause gives each call on each kernel and glibc (docs/kernel-facts.md §1
/// table, §2 for what glibc does to it on the way out, and the eras of §6).
enum ExpectedErrno {
    /// The errno names `cause` can produce for the failing call, or nil when
    /// the record lacks what is needed to say.
    static func names(for cause: Cause, in context: FailureContext) -> Set<String>? {
        if context.call == .popen {
            // docs/kernel-facts.md §6.1: 2.29–2.37 say ENOMEM for any spawn
            // failure; ≤ 2.28 (fork) and 2.38+ give the kernel's errno.
            switch context.popenSaysENOMEMForAll {
            case true?: return ["ENOMEM"]
            case false?: return kernelNames(for: cause, in: context)
            case nil: return kernelNames(for: cause, in: context).map { $0.union(["ENOMEM"]) } ?? ["ENOMEM"]
            }
        }
        // docs/kernel-facts.md §2 and §6.3: glibc 2.34/2.35 bug 29109 turns
        // every clone failure of posix_spawn (and system) into EPERM; the
        // 2.35 branch has the fix, so there the kernel's errno is possible too.
        if context.isSpawnFamily, let glibc = context.glibc,
            glibc >= ReleaseVersion(2, 34), glibc < ReleaseVersion(2, 36)
        {
            if glibc < ReleaseVersion(2, 35) { return ["EPERM"] }
            return kernelNames(for: cause, in: context).map { $0.union(["EPERM"]) }
        }
        // docs/kernel-facts.md §2: pthread_create never returns ENOMEM; stack mmap ENOMEM and
        // clone ENOMEM both come back as EAGAIN, on musl as on glibc (docs/libc-facts.md §2).
        if context.call == .pthreadCreate { return ["EAGAIN"] }
        return kernelNames(for: cause, in: context)
    }

    /// What the kernel returns for `cause` to a process-creating call.
    private static func kernelNames(for cause: Cause, in context: FailureContext) -> Set<String>? {
        switch cause {
        case .pidNumbersExhausted:
            // docs/kernel-facts.md §1 and §6.5: kernel/pid.c alloc_pid(): ENOMEM before
            // v4.1 (35f71bc0a09a) except on SUSE's 3.12, which carries it;
            // ENOSPC on v4.15–v4.18 (IDR leak); EAGAIN otherwise.
            guard let kernel = context.kernel else { return ["EAGAIN", "ENOMEM", "ENOSPC"] }
            if context.isSUSEKernel312 {
                // The backport came in a maintenance update (bnc#909684):
                // a SLES 12 kernel from before it still says ENOMEM.
                return ["EAGAIN", "ENOMEM"]
            }
            if kernel < ReleaseVersion(4, 1) { return ["ENOMEM"] }
            if kernel >= ReleaseVersion(4, 15), kernel < ReleaseVersion(4, 19) { return ["ENOSPC"] }
            return ["EAGAIN"]
        case .beancounterNumproc:
            // docs/kernel-facts.md §11.188: OpenVZ 6's ub_task_charge() says
            // ENOMEM; a Virtuozzo 7 kernel (3.10) says ENOMEM there too, or
            // EAGAIN where numproc is its pids cgroup (cgroup_pids.c).
            if let kernel = context.kernel, kernel < ReleaseVersion(3, 10) { return ["ENOMEM"] }
            return ["EAGAIN", "ENOMEM"]
        case .lveNPROC:
            // docs/kernel-facts.md §11.164: OpenVZ's numproc charge says
            // ENOMEM; CloudLinux's kernel source was not read here and
            // hosted users report EAGAIN too.
            return ["EAGAIN", "ENOMEM"]
        case .pidNamespaceInitDead, .overcommit, .threadStackMapping, .kernelMemory, .beancounter, .lveMemory:
            // docs/kernel-facts.md §1: alloc_pid() PIDNS_ADDING, __vm_enough_memory(),
            // dup_task_struct() and do_mmap() all fail with ENOMEM; §11.1:
            // so does every beancounter charge, numproc's too.
            return ["ENOMEM"]
        case .threadsMax, .rlimitNPROC, .cgroupPids:
            // docs/kernel-facts.md §1: copy_process() and pids_try_charge() fail with EAGAIN.
            return ["EAGAIN"]
        }
    }

    /// Lowers a verdict's confidence to medium, and says why, when the errno
    /// is not the one its cause produces for this call, kernel and glibc.
    /// When the numbers only came near the limit (confidence below high
    /// already), numbers and errno both fall short: the verdict is withdrawn
    /// (`contradicted`) and the classifier looks further.
    static func check(_ verdict: inout Verdict, cause: Cause, in context: FailureContext) {
        guard let expected = names(for: cause, in: context), let errno = context.errno,
            !expected.contains(errno)
        else { return }
        if verdict.confidence < .high { verdict.contradicted = true }
        verdict.confidence = min(verdict.confidence, .medium)
        let wanted = expected.sorted().joined(separator: " or ")
        verdict.evidence.append(
            "errno \(errno) is not what this cause gives \(context.callDescription) on kernel \(context.kernelDescription)\(context.libcSuffix) (expected \(wanted)): the numbers fit, the errno does not, so confidence is lowered"
        )
    }
}
