/// `seccomp_or_policy`: docs/kernel-facts.md §1, row "seccomp profile": a filter at syscall
/// entry answers EPERM (namespace flags) or ENOSYS (Docker's default for
/// clone3). docs/kernel-facts.md §2 and §6.3: an EPERM from posix_spawn/system/popen on
/// glibc 2.34 is bug 29109 and says nothing, so it never reaches this rule; on
/// 2.35 it may be the bug or real. §6.9: a thread's EPERM on glibc ≥ 2.34 is
/// most often an old runtime's profile answering clone3 with EPERM (glibc
/// falls back to clone only on ENOSYS); it can also come from explicit
/// scheduling attributes.
struct PolicyRule: ClassificationRule {
    func evaluate(_ context: FailureContext) -> Verdict? {
        guard !context.errnoHiddenByGlibc || context.spawnEPERMMaybeReal, let errno = context.errno,
            errno == "EPERM" || errno == "ENOSYS"
        else { return nil }
        if context.call == .pthreadCreate, errno == "EPERM" { return threadEPERM(context) }
        let pid = context.record.process?.pid.map(String.init) ?? "PID"
        var evidence = [
            "\(context.callDescription) failed with \(errno), which no resource limit produces (docs/kernel-facts.md §1)"
        ]
        if let flags = context.record.call?.cloneFlags {
            evidence.append(
                "clone flags 0x\(String(flags, radix: 16)) (call.clone_flags): namespace flags (CLONE_NEW*) are what profiles deny"
            )
        }
        var confidence = Confidence.medium
        if context.spawnEPERMMaybeReal {
            confidence = .low
            evidence.append(
                "glibc \(context.record.glibc ?? "2.35") may still have bug 29109 (every clone failure of posix_spawn reported as EPERM; fixed on the 2.35 release branch, docs/kernel-facts.md §6.3): the EPERM may hide a full limit"
            )
        }
        return Verdict(
            id: .seccompOrPolicy,
            confidence: confidence,
            summary: "refused by a security policy",
            bindingLimit: BindingLimit(key: "policy:\(errno)", name: "seccomp filter or LSM policy (\(errno))"),
            kernelRule:
                "a seccomp filter (or an LSM hook) at syscall entry → \(errno == "ENOSYS" ? "-ENOSYS (Docker's default profile for clone3; glibc then falls back to clone)" : "-EPERM")",
            misleadingNote: nil,
            evidence: evidence,
            advice: [
                "Check the filter: `grep Seccomp /proc/\(pid)/status` (2 = filtering); Docker/Podman `--security-opt seccomp=PROFILE`, Kubernetes `securityContext.seccompProfile`.",
                "Check the LSM logs: `ausearch -m avc -ts recent` (SELinux), `journalctl -k | grep apparmor=\"DENIED\"`.",
            ]
        )
    }

    /// pthread_create's EPERM (docs/kernel-facts.md §6.9): glibc ≥ 2.34
    /// creates the thread with clone3 and a profile that answers it with
    /// EPERM fails every thread; otherwise, or as well, the thread's
    /// explicit scheduling attributes are refused by sched_setscheduler.
    private func threadEPERM(_ context: FailureContext) -> Verdict {
        if context.libc == .musl { return muslThreadEPERM(context) }
        let pid = context.record.process?.pid.map(String.init) ?? "PID"
        let glibc = context.record.glibc ?? "unknown"
        let schedLine =
            "a thread created with PTHREAD_EXPLICIT_SCHED and a policy or priority the process may not set (SCHED_FIFO/SCHED_RR without CAP_SYS_NICE or RLIMIT_RTPRIO) also fails with EPERM: glibc applies it after the clone and tears the thread down (nptl/pthread_create.c create_thread())"
        let schedAdvice = Self.schedAdvice
        // No filter (status `Seccomp: 0`, §11.62): not a profile's EPERM.
        let unfiltered = context.record.process?.seccomp == 0
        if context.threadsUseClone3 == true, !unfiltered, let unit = UnitSyscallFilter.finding(context, glibc: glibc) {
            return Verdict(
                id: .seccompOrPolicy,
                confidence: .medium,
                summary: "clone3 refused by a seccomp filter",
                bindingLimit: BindingLimit(key: "policy:clone3", name: unit.bindingName),
                kernelRule: unit.kernelRule,
                misleadingNote:
                    "EPERM here is not about the program's rights: glibc ≥ 2.34 uses clone3 for threads, and a seccomp filter that does not know clone3 refuses it with EPERM instead of ENOSYS.",
                evidence: [
                    "pthread_create failed with EPERM on glibc \(glibc): no resource limit gives EPERM, and glibc ≥ 2.34 treats an EPERM from clone3 as final (docs/kernel-facts.md §6.9)"
                ] + unit.evidence + [Self.kernelWithoutClone3(context), schedLine].compactMap { $0 },
                advice: unit.advice + [schedAdvice]
            )
        }
        if context.threadsUseClone3 == true, !unfiltered {
            var evidence = [
                "pthread_create failed with EPERM on glibc \(glibc): no resource limit gives EPERM, and glibc ≥ 2.34 treats an EPERM from clone3 as final (docs/kernel-facts.md §6.9)",
                "seccomp profiles written before clone3 existed answer unknown system calls with EPERM (Docker's default before moby/moby#42681); the fix made them answer clone3 with ENOSYS so glibc falls back to clone",
            ]
            if let note = Self.kernelWithoutClone3(context) { evidence.append(note) }
            evidence.append(schedLine)
            return Verdict(
                id: .seccompOrPolicy,
                confidence: .medium,
                summary: "clone3 refused by a seccomp profile",
                bindingLimit: BindingLimit(
                    key: "policy:clone3", name: "seccomp profile answering clone3 with EPERM (container runtime)"),
                kernelRule:
                    "the runtime's seccomp filter answers clone3 with -EPERM at system call entry; glibc \(glibc) (≥ 2.34) creates threads with clone3 and falls back to clone only on ENOSYS (sysdeps/unix/sysv/linux/clone-internal.c __clone_internal()), so every pthread_create fails",
                misleadingNote:
                    "EPERM here is not about the program's rights: glibc ≥ 2.34 uses clone3 for threads, and an older container runtime's seccomp profile refuses clone3 with EPERM instead of ENOSYS.",
                evidence: evidence,
                advice: [
                    "Fix the container runtime's seccomp profile: upgrade Docker (a release with moby/moby#42681, 20.10.10 or later), containerd, runc and libseccomp, or use a profile that answers clone3 with ENOSYS (`--security-opt seccomp=PROFILE`; Kubernetes `securityContext.seccompProfile`). Check with `grep Seccomp /proc/\(pid)/status` (2 = filtering).",
                    "Until then, `--security-opt seccomp=unconfined` for this container confirms it (not a fix), or run an image with glibc < 2.34.",
                    schedAdvice,
                ]
            )
        }
        let policy = unfiltered ? "an LSM" : "a seccomp/LSM"
        var evidence = [
            "pthread_create failed with EPERM on glibc \(glibc): no resource limit gives EPERM (docs/kernel-facts.md §1, §6.9)"
        ]
        if unfiltered {
            evidence.append(
                "/proc/\(pid)/status says Seccomp: 0 (process.seccomp): no seccomp filter is installed, so no profile refused clone3 (docs/kernel-facts.md §11.62)"
            )
        }
        return Verdict(
            id: .seccompOrPolicy,
            confidence: .low,
            summary: "thread creation refused (scheduling attributes or \(unfiltered ? "an LSM" : "a policy"))",
            bindingLimit: BindingLimit(
                key: "policy:thread-EPERM", name: "explicit scheduling attributes, or \(policy) policy (EPERM)"),
            kernelRule:
                "sched_setscheduler() after the clone refuses the thread's explicit policy → EPERM (nptl/pthread_create.c create_thread()); or \(unfiltered ? "an LSM hook" : "a seccomp filter / LSM hook") → -EPERM",
            misleadingNote: nil,
            evidence: evidence + [schedLine],
            advice: [
                schedAdvice,
                unfiltered
                    ? "Check the LSM logs: `ausearch -m avc -ts recent` (SELinux), `journalctl -k | grep apparmor=\"DENIED\"`."
                    : "Check the filter: `grep Seccomp /proc/\(pid)/status` (2 = filtering), and the LSM logs: `ausearch -m avc -ts recent`, `journalctl -k | grep apparmor=\"DENIED\"`.",
            ]
        )
    }

    /// musl turns every clone failure of pthread_create into EAGAIN, so its
    /// EPERM can only be sched_setscheduler refusing explicit scheduling
    /// attributes after the clone (docs/libc-facts.md §2).
    private func muslThreadEPERM(_ context: FailureContext) -> Verdict {
        let musl = context.record.libcDescription ?? "musl"
        return Verdict(
            id: .seccompOrPolicy,
            confidence: .medium,
            summary: "thread's scheduling attributes refused",
            bindingLimit: BindingLimit(
                key: "policy:thread-sched", name: "explicit scheduling attributes the process may not set (EPERM)"),
            kernelRule:
                "sched_setscheduler() after the clone refuses the thread's explicit policy or priority → EPERM, returned by musl's pthread_create (src/thread/pthread_create.c)",
            misleadingNote: nil,
            evidence: [
                "pthread_create failed with EPERM on \(musl): musl reports every clone failure as EAGAIN, so no limit and no seccomp filter on clone gives this EPERM (docs/libc-facts.md §2)"
            ],
            advice: [Self.schedAdvice]
        )
    }

    /// docs/kernel-facts.md §11.40: a kernel before 5.3 has no clone3, so
    /// unfiltered the call fails with ENOSYS and glibc falls back to clone;
    /// an EPERM there was given at system call entry, before the kernel.
    private static func kernelWithoutClone3(_ context: FailureContext) -> String? {
        guard let kernel = context.kernel, kernel < ReleaseVersion(5, 3) else { return nil }
        return
            "kernel \(context.kernelDescription) has no clone3 (5.3): unfiltered, clone3 fails there with ENOSYS and glibc falls back to clone, so this EPERM was given at system call entry, by a filter or policy, not by the kernel's task creation (docs/kernel-facts.md §11.40)"
    }

    private static let schedAdvice =
        "If the program sets explicit scheduling attributes (pthread_attr_setinheritsched PTHREAD_EXPLICIT_SCHED), grant CAP_SYS_NICE or an RLIMIT_RTPRIO (`ulimit -r`), or drop the real-time policy."
}
