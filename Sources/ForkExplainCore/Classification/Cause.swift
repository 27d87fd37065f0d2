/// The kernel causes whose errno `ExpectedErrno` knows, one per kernel path.
enum Cause: Sendable, Hashable {
    case pidNumbersExhausted
    case pidNamespaceInitDead
    case threadsMax
    case rlimitNproc
    case cgroupPids
    case overcommit
    case threadStackMapping
}
