#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// For the tests: a job on a thread of its own (the reader made two for
/// each batch before `KeptThreads`), or on the caller's when no thread can be
/// made. forkexplain is run in the very cgroup whose pids limit it is asked
/// about: there `pthread_create` says EAGAIN, and libdispatch, asked for a
/// worker, retries every 10 ms for ever, so `report` and `run` hung.
final class ThreadJob: @unchecked Sendable {
    private var thread: pthread_t?
    /// Dropped once run: the body may hold what holds this job.
    private var body: (@Sendable () -> Void)?

    /// Starts `body`; when no thread could be made, it has run on the
    /// caller's before this returns.
    init(_ body: @escaping @Sendable () -> Void) {
        self.body = body
        let context = Unmanaged.passRetained(self).toOpaque()
        var started = pthread_t()
        let result = pthread_create(
            &started, nil,
            { raw in
                guard let raw else { return nil }
                Unmanaged<ThreadJob>.fromOpaque(raw).takeRetainedValue().run()
                return nil
            }, context)
        if result == 0 {
            thread = started
        } else {
            Unmanaged<ThreadJob>.fromOpaque(context).release()
            run()
        }
    }

    /// Waits for the job to have run.
    func join() {
        guard let started = thread else { return }
        thread = nil
        pthread_join(started, nil)
    }

    private func run() {
        let work = body
        body = nil
        work?()
    }
}
