/// Who RLIMIT_NPROC does not refuse, which differs between a task being
/// created and an exec after a uid change (docs/kernel-facts.md §11.113):
/// copy_process() exempts the host's root and a caller with
/// CAP_SYS_RESOURCE or CAP_SYS_ADMIN in the initial user namespace; the
/// set*uid that arms PF_NPROC_EXCEEDED exempts only a change to the host's
/// root, and the execve that refuses exempts no one.
enum NPROCExemption {
    /// A fork, clone or thread.
    static let task =
        "not for the host's root (uid 0 of the initial user namespace) or a caller with CAP_SYS_RESOURCE or CAP_SYS_ADMIN there; a container's root in a user namespace is counted"

    /// An execve refused after a set*uid.
    static let execAfterUidChange =
        "for an exec after a uid change: not when the new uid is the host's root; no capability exempts it (only 5.15 and 5.16 before their February 2022 stable updates never armed it for a caller with CAP_SYS_RESOURCE or CAP_SYS_ADMIN, such as root)"

    /// A set*uid refused by itself, before Linux 3.1 (§11.151).
    static let setUidBefore31 =
        "for a set*uid on a kernel before 3.1 (RHEL and CentOS 6's 2.6.32 included): the new uid's tasks at the caller's RLIMIT_NPROC; not when the new uid is root; no capability exempts it. Since 3.1 the set*uid succeeds and the next execve is refused instead"
}
