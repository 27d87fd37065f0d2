/// A thread's EPERM from clone3 in a process that is not in a container:
/// the seccomp filter is its own or its service manager's, most often a
/// systemd unit's `SystemCallFilter=` allow-list written before glibc made
/// threads with clone3 (docs/kernel-facts.md §11.62). The container
/// runtime's profile, PolicyRule's usual fix, is not in the way there.
enum UnitSyscallFilter {
    struct Finding {
        let bindingName: String
        let kernelRule: String
        let evidence: [String]
        let advice: [String]
    }

    /// Nil for a contained process (the runtime's profile), one whose
    /// status says it has no filter, or a record that says nothing of
    /// containers (an older shim: it may be in one) unless its executable
    /// is a snap's.
    static func finding(_ context: FailureContext, glibc: String) -> Finding? {
        let identity = context.identity
        guard !identity.isContained, context.record.process?.seccomp != 0 else { return nil }
        let pid = context.record.process?.pid.map(String.init) ?? "PID"
        let filtered = context.record.process?.seccomp == 2
        let rule =
            "a seccomp filter installed for this process answers clone3 with -EPERM at system call entry; glibc \(glibc) (≥ 2.34) creates threads with clone3 and falls back to clone only on ENOSYS (sysdeps/unix/sysv/linux/clone-internal.c __clone_internal()), so every pthread_create fails"
        // A snap's profile is snapd's, whatever unit or scope runs it; its
        // executable says so even where the record says nothing of
        // containers (§11.66).
        if let snap = SnapSeccomp.finding(
            context, rule: rule,
            evidence: filtered
                ? ["/proc/\(pid)/status says Seccomp: 2 (process.seccomp): a seccomp filter is installed"] : [])
        {
            return snap
        }
        guard !identity.isEmpty else { return nil }
        var evidence: [String] = []
        if filtered {
            evidence.append(
                "/proc/\(pid)/status says Seccomp: 2 (process.seccomp): a seccomp filter is installed, and this process is in no container, so the filter is its own or its service manager's (docs/kernel-facts.md §11.62)"
            )
        }
        guard let unit = context.identity.systemdUnit, unit.hasSuffix(".service") else {
            return Finding(
                bindingName: "seccomp filter answering clone3 with EPERM (the process's own or its launcher's)",
                kernelRule: rule, evidence: evidence,
                advice: [
                    "The filter is not a container runtime's: find who installs it (the program's own sandbox option, a launcher such as firejail or bubblewrap, a systemd unit's `SystemCallFilter=`) and let it allow clone3 or answer it with ENOSYS, so that glibc falls back to clone. `grep Seccomp /proc/\(pid)/status` shows the mode (2 = filter)."
                ])
        }
        evidence.append(
            "it runs as \(unit): a unit's `SystemCallFilter=` allow-list that predates clone3 refuses it, with `SystemCallErrorNumber=EPERM` as EPERM (without it the call kills the process with SIGSYS)"
        )
        return Finding(
            bindingName: "seccomp filter answering clone3 with EPERM (`SystemCallFilter=` of \(unit))",
            kernelRule: rule, evidence: evidence,
            advice: [
                "Allow clone3 in the unit's filter: `systemctl edit \(unit)`, add `[Service]` `SystemCallFilter=clone3` (allow-list lines add up), then `systemctl restart \(unit)`; `systemctl show -p SystemCallFilter \(unit)` lists what it allows. Ship the same in the package's unit file.",
                "Starting it by hand outside the unit works (no filter), which confirms it; downgrading glibc to a build without clone3 is not a fix.",
            ])
    }
}
