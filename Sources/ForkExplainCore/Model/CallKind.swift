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
    /// `CLONE_VFORK`: the parent sleeps until the child execs or exits.
    static let cloneVfork: Int64 = 0x4000

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
            // A call outside the shim's list whose record carries the clone
            // flags: watch's kernel_clone, paired with its entry probe
            // (docs/watch.md, "The clone flags").
            guard let flags = call?.cloneFlags else {
                self = .unknown
                return
            }
            self = flags & Self.cloneThread != 0 ? .thread : .process
        }
    }

    /// What the flags of a call outside the shim's list create, as watch's
    /// `call.creates` says it: nil when the record has no flags.
    static func creates(_ call: CallSnapshot?) -> String? {
        guard call?.wrappedCall == nil, let flags = call?.cloneFlags else { return nil }
        if flags & cloneThread != 0 { return "thread" }
        return flags & cloneVfork != 0 ? "vfork" : "process"
    }
}
