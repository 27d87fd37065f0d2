/// What a failed call was trying to create (FACTS.md §2).
public enum CallKind: Sendable, Hashable {
    /// fork, _Fork, vfork, clone without CLONE_THREAD, posix_spawn[p], system, popen.
    case process
    /// pthread_create, or clone with CLONE_THREAD.
    case thread
    case unknown

    /// `CLONE_THREAD` from <linux/sched.h>.
    public static let cloneThread: Int64 = 0x10000
    /// `CLONE_VM`: the child shares the parent's memory, so nothing is copied.
    public static let cloneVM: Int64 = 0x100

    public init(call: CallSnapshot?) {
        switch call?.name {
        case "fork", "_Fork", "vfork", "posix_spawn", "posix_spawnp", "system", "popen",
            "forkpty", "daemon", "pidfd_spawn", "pidfd_spawnp":
            self = .process
        case "pthread_create":
            self = .thread
        case "clone", "__clone":
            let flags = call?.cloneFlags ?? 0
            self = flags & Self.cloneThread != 0 ? .thread : .process
        default:
            self = .unknown
        }
    }
}
