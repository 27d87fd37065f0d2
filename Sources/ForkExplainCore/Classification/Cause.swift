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
    /// An OpenVZ beancounter's charge (numproc, privvmpages, kmemsize).
    case beancounter
}
