/// The kernel causes whose errno `ExpectedErrno` knows, one per kernel path.
enum Cause: Sendable, Hashable {
    case pidNumbersExhausted
    case pidNamespaceInitDead
    case threadsMax
    case rlimitNPROC
    case cgroupPids
    case overcommit
    case threadStackMapping
    /// dup_task_struct(): task_struct or kernel stack, a memory cgroup's
    /// kernel charge included.
    case kernelMemory
    /// An OpenVZ beancounter's charge (privvmpages, kmemsize; numproc on
    /// OpenVZ 6).
    case beancounter
    /// OpenVZ's numproc: ub_task_charge() on OpenVZ 6 and early Virtuozzo 7
    /// kernels (ENOMEM); the container's pids cgroup on later Virtuozzo 7
    /// kernels (EAGAIN) (docs/kernel-facts.md §11.188).
    case beancounterNumproc
    /// A CloudLinux LVE's NPROC: a beancounter's charge on CloudLinux 6/7,
    /// whose errno the kernel's own code decides (docs/kernel-facts.md §11.164).
    case lveNPROC
    /// A CloudLinux LVE's VMEM or PMEM charge.
    case lveMemory
}
