/// Which of several full limits refused: the first one the kernel checks
/// (docs/kernel-facts.md §6.7). copy_process() runs dup_task_struct(),
/// then RLIMIT_NPROC, copy_creds() (CLONE_NEWUSER), threads-max, copy_fs(),
/// the mm copy, the other namespaces,
/// alloc_pid() and last cgroup_can_fork(); the first check to fail decides
/// the errno, and the later checks' counters do not move. A thread's stack
/// is mapped by glibc before any of them, and a seccomp filter answers at
/// system call entry, before all.
enum KernelCheckOrder {
    /// The step of the path at which `id`'s limit is checked for `context`'s call.
    static func step(of id: VerdictID, in context: FailureContext) -> (rank: Int, name: String) {
        switch id {
        case .seccompOrPolicy: return (0, "the seccomp filter at system call entry")
        case .mapCountLimit, .rlimitAS: return (1, "glibc's mapping of the new stack (before the clone)")
        case .commitLimit:
            return context.copiesAddressSpace
                ? (7, "copy_mm() (overcommit)") : (1, "glibc's mapping of the new stack (before the clone)")
        case .memoryExhausted, .memcgLimit: return (2, "dup_task_struct() (task_struct and kernel stack)")
        case .rlimitNPROC: return (3, "the RLIMIT_NPROC check")
        // copy_creds() makes the new user namespace right after the
        // RLIMIT_NPROC check (docs/kernel-facts.md §11.77).
        case .usernsCount: return (4, "copy_creds() (a new user namespace)")
        case .threadsMax: return (5, "the threads-max check")
        // copy_fs() runs after the threads-max check and before copy_mm()
        // (docs/kernel-facts.md §11.210); the ranks after it moved up by one.
        case .execInProgress: return (6, "copy_fs() (an execve of the process in flight)")
        case .namespaceCount: return (8, "copy_namespaces()")
        case .pidMax, .pidNamespaceInitDead: return (9, "alloc_pid()")
        case .cgroupPidsLimit: return (10, "cgroup_can_fork() (pids controller)")
        case .unexplained: return (99, "no check")
        }
    }

    /// The binding verdict among those the rules gave, in rule order. When
    /// several limits are full with an errno that fits (high confidence),
    /// the one checked first binds and the others are named as also full;
    /// otherwise the first rule's verdict stands.
    static func binding(among verdicts: [Verdict], in context: FailureContext) -> Verdict? {
        let full = verdicts.filter { $0.confidence == .high }
        guard var chosen = full.min(by: { step(of: $0.id, in: context).rank < step(of: $1.id, in: context).rank })
        else { return verdicts.first }
        let first = step(of: chosen.id, in: context)
        for other in full where other.bindingLimit != chosen.bindingLimit {
            let later = step(of: other.id, in: context)
            let numbers = other.evidence.first { !$0.hasPrefix("injected by") } ?? other.summary
            chosen.evidence.append(
                "also full: \(other.bindingLimit.name) (\(numbers)); the kernel checks \(first.name) before \(later.name), so \(chosen.bindingLimit.name) refused first and the later check was not reached (docs/kernel-facts.md §6.7)"
            )
        }
        return chosen
    }
}
