/// The errno each cause gives each call on each kernel and glibc (docs/kernel-facts.md §1
/// table, and §2 for what glibc does to it on the way out).
enum ExpectedErrno {
    /// The errno names `cause` can produce for the failing call, or nil when
    /// the record lacks what is needed to say.
    static func names(for cause: Cause, in context: FailureContext) -> Set<String>? {
        // docs/kernel-facts.md §2: popen reports any spawn failure as ENOMEM.
        if context.call == .popen { return ["ENOMEM"] }
        // docs/kernel-facts.md §2: glibc 2.34/2.35 bug 29109 turns every clone failure of
        // posix_spawn (and system) into EPERM.
        if context.isSpawnFamily, let glibc = context.glibc,
            glibc >= ReleaseVersion(2, 34), glibc < ReleaseVersion(2, 36)
        {
            return ["EPERM"]
        }
        // docs/kernel-facts.md §2: pthread_create never returns ENOMEM; stack mmap ENOMEM and
        // clone ENOMEM both come back as EAGAIN.
        if context.call == .pthreadCreate { return ["EAGAIN"] }

        switch cause {
        case .pidNumbersExhausted:
            // docs/kernel-facts.md §1: kernel/pid.c alloc_pid(): ENOMEM before v4.1 (35f71bc0a09a),
            // ENOSPC on v4.15–v4.18 (IDR leak), EAGAIN otherwise.
            guard let kernel = context.kernel else { return ["EAGAIN", "ENOMEM", "ENOSPC"] }
            if kernel < ReleaseVersion(4, 1) { return ["ENOMEM"] }
            if kernel >= ReleaseVersion(4, 15), kernel < ReleaseVersion(4, 19) { return ["ENOSPC"] }
            return ["EAGAIN"]
        case .pidNamespaceInitDead, .overcommit, .threadStackMapping:
            // docs/kernel-facts.md §1: alloc_pid() PIDNS_ADDING, __vm_enough_memory(),
            // dup_task_struct() and do_mmap() all fail with ENOMEM.
            return ["ENOMEM"]
        case .threadsMax, .rlimitNproc, .cgroupPids:
            // docs/kernel-facts.md §1: copy_process() and pids_try_charge() fail with EAGAIN.
            return ["EAGAIN"]
        }
    }

    /// Lowers a verdict's confidence to medium, and says why, when the errno
    /// is not the one its cause produces for this call, kernel and glibc.
    static func check(_ verdict: inout Verdict, cause: Cause, in context: FailureContext) {
        guard let expected = names(for: cause, in: context), let errno = context.errno,
            !expected.contains(errno)
        else { return }
        verdict.confidence = min(verdict.confidence, .medium)
        let wanted = expected.sorted().joined(separator: " or ")
        let glibc = context.record.glibc.map { ", glibc \($0)" } ?? ""
        verdict.evidence.append(
            "errno \(errno) is not what this cause gives \(context.callDescription) on kernel \(context.kernelDescription)\(glibc) (expected \(wanted)): the numbers fit, the errno does not, so confidence is lowered"
        )
    }
}
