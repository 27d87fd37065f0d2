import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Threads kept for the process and handed one job at a time, for jobs
/// short and many: the decoding batches (`DecodingBatch`), some 1,500 of
/// 64 lines for 100,000 records, each of which made two threads of its own
/// for about 1 ms of work. A thread's start and end, and the
/// wait for a new thread to get a core, were a serial stretch of every
/// batch (docs/performance.md, "The reader's wall: threads kept across
/// batches"). Jobs queue for at most one thread a core, made as needed
/// and kept; when none can be made at all, a job runs on the caller's
/// thread: forkexplain is run in the very cgroup whose pids limit it is
/// asked about, where `pthread_create` says EAGAIN (libdispatch, asked for
/// a worker there, retried every 10 ms for ever, and `report` hung).
enum KeptThreads {
    /// One job's run, waited for by `join`.
    final class Job: @unchecked Sendable {
        private let done = NSCondition()
        private var finished = false
        private var body: (@Sendable () -> Void)?

        fileprivate init(_ body: @escaping @Sendable () -> Void) { self.body = body }

        fileprivate func run() {
            // Dropped once run: the body may hold what holds this job.
            let work = body
            body = nil
            work?()
        }

        fileprivate func finish() {
            done.lock()
            finished = true
            done.signal()
            done.unlock()
        }

        /// Waits for the job to have run.
        func join() {
            done.lock()
            while !finished { done.wait() }
            done.unlock()
        }
    }

    /// Jobs not yet taken, threads made and threads waiting for a job,
    /// all under `room`'s lock.
    private static let room = NSCondition()
    nonisolated(unsafe) private static var queue: [Job] = []
    nonisolated(unsafe) private static var threads = 0
    nonisolated(unsafe) private static var idle = 0

    /// Threads made at most: one a core (`DecodingThreads.most`). Two
    /// batches' jobs can be in flight at once; more threads than cores
    /// only took more heaps and stacks (0.5 MB more at the peak with four).
    static let most = DecodingThreads.most

    /// Threads made so far (the tests hold it to `most`).
    static var made: Int { room.withLock { threads } }

    /// Runs `body` on a kept thread, after the jobs started before it; on
    /// the caller's, before this returns, when no thread can be made at
    /// all. A job must not wait for a later one: it may queue behind it.
    static func start(_ body: @escaping @Sendable () -> Void) -> Job {
        let job = Job(body)
        room.lock()
        queue.append(job)
        var spawning = false
        // Idle threads signalled a moment ago still count as idle, and
        // their jobs as queued: a new one is made unless one is left.
        if queue.count <= idle {
            room.signal()
        } else if threads < most {
            threads += 1
            spawning = true
        }
        room.unlock()
        guard spawning, !spawn() else { return job }
        room.lock()
        threads -= 1
        // No thread at all to take it: a pids limit reached.
        let inline = threads == 0
        if inline { queue.removeAll { $0 === job } }
        room.unlock()
        if inline {
            job.run()
            job.finish()
        }
        return job
    }

    /// A new kept thread; false when it could not be made.
    private static func spawn() -> Bool {
        var thread = pthread_t()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        return pthread_create(
            &thread, &attributes,
            { _ in
                KeptThreads.serve()
                return nil
            }, nil) == 0
    }

    /// A kept thread's life: the oldest job waiting, then the next, parked
    /// while there is none.
    private static func serve() {
        while true {
            room.lock()
            idle += 1
            while queue.isEmpty { room.wait() }
            idle -= 1
            let job = queue.removeFirst()
            room.unlock()
            job.run()
            job.finish()
        }
    }
}
