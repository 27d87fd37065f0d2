/// What a failed call was trying to create (docs/kernel-facts.md §2).
enum CallKind: Sendable, Hashable {
    /// fork, _Fork, vfork, clone without CLONE_THREAD, posix_spawn[p], system,
    /// popen, forkpty, daemon.
    case process
    /// pthread_create, or clone with CLONE_THREAD.
    case thread
    /// A call this reader does not know, or an error text that names neither.
    case unknown

    /// `CLONE_THREAD` from <linux/sched.h>.
    static let cloneThread: Int64 = 0x10000
    /// `CLONE_VM`: the child shares the parent's memory, so nothing is copied.
    static let cloneVM: Int64 = 0x100

    init(call: CallSnapshot?) {
        switch call?.wrappedCall {
        case .pthreadCreate:
            self = .thread
        case .clone:
            let flags = call?.cloneFlags ?? 0
            self = flags & Self.cloneThread != 0 ? .thread : .process
        case .some:
            self = .process
        case nil:
            self = .unknown
        }
    }
}
