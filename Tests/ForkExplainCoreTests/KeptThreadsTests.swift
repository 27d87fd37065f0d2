import Foundation
import XCTest

@testable import ForkExplainCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The decoding batches' threads are kept across batches (`KeptThreads`):
/// every job runs once, `join` waits for it, and no more threads are made
/// than one a core however many jobs are started, two batches' at a time.
final class KeptThreadsTests: XCTestCase {
    private final class Tally: @unchecked Sendable {
        let lock = NSLock()
        var runs = 0
        var threads: Set<UInt> = []
    }

    func testEveryJobRunsOnceOnAtMostOneThreadACore() {
        let tally = Tally()
        let caller = UInt(pthread_self())
        for _ in 0..<300 {
            // Two batches' jobs in flight, as the reader has them.
            let jobs = (0..<(2 * KeptThreads.most)).map { _ in
                KeptThreads.start {
                    // Some work, so that jobs overlap.
                    var sum = 0
                    for value in 0..<2_000 { sum &+= value }
                    let thread = UInt(pthread_self())
                    tally.lock.withLock {
                        tally.runs += 1 + (sum == -1 ? 1 : 0)
                        tally.threads.insert(thread)
                    }
                }
            }
            for job in jobs { job.join() }
        }
        XCTAssertEqual(tally.lock.withLock { tally.runs }, 300 * 2 * KeptThreads.most)
        let used = tally.lock.withLock { tally.threads }
        XCTAssertFalse(used.contains(caller), "a job ran on the thread that started it")
        XCTAssertLessThanOrEqual(used.count, KeptThreads.most)
        XCTAssertLessThanOrEqual(KeptThreads.made, KeptThreads.most)
        XCTAssertGreaterThan(KeptThreads.made, 0)
    }

    func testJoinWaitsForTheJob() {
        let tally = Tally()
        let job = KeptThreads.start {
            usleep(50_000)
            tally.lock.withLock { tally.runs += 1 }
        }
        job.join()
        XCTAssertEqual(tally.lock.withLock { tally.runs }, 1)
        // A second join returns at once.
        job.join()
    }
}
