/// `seccomp_or_policy`: docs/kernel-facts.md §1, row "seccomp profile": a filter at syscall
/// entry answers EPERM (namespace flags) or ENOSYS (Docker's default for
/// clone3). docs/kernel-facts.md §2: an EPERM from posix_spawn/system/popen on glibc
/// 2.34/2.35 is bug 29109 and says nothing; it never reaches this rule.
struct PolicyRule: ClassificationRule {
    func evaluate(_ context: FailureContext) -> Verdict? {
        guard !context.errnoHiddenByGlibc, let errno = context.errno, errno == "EPERM" || errno == "ENOSYS"
        else { return nil }
        let pid = context.record.process?.pid.map(String.init) ?? "PID"
        var evidence = [
            "\(context.callDescription) failed with \(errno), which no resource limit produces (docs/kernel-facts.md §1)"
        ]
        if let flags = context.record.call?.cloneFlags {
            evidence.append(
                "clone flags 0x\(String(flags, radix: 16)) (call.clone_flags): namespace flags (CLONE_NEW*) are what profiles deny"
            )
        }
        return Verdict(
            id: .seccompOrPolicy,
            confidence: .medium,
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
}
