/// A Java thread's name in the text (the one that threw, or the pool's
/// worker that could not be started): `pool-N-thread-M`
/// is java.util.concurrent.Executors' default thread factory, which numbers
/// each thread a pool has ever created (docs/kernel-facts.md §11.92).
enum JavaPoolThreadName {
    /// From this many threads one pool made, the pool's growth, not a
    /// limit set low, is the first thing to look at.
    static let many = 500

    /// The thread number M of the first `pool-N-thread-M` in the text.
    static func number(in lower: String) -> Int? {
        var rest = lower[...]
        while let range = rest.range(of: "pool-") {
            let after = lower[range.upperBound...]
            let pool = after.prefix { $0.isASCII && $0.isNumber }
            if !pool.isEmpty, after.dropFirst(pool.count).hasPrefix("-thread-") {
                let digits = after.dropFirst(pool.count + "-thread-".count).prefix { $0.isASCII && $0.isNumber }
                if let number = Int(digits) { return number }
            }
            rest = after
        }
        return nil
    }

    static func note(in lower: String) -> String? {
        guard let number = number(in: lower), number >= many else { return nil }
        return
            "It names pool-N-thread-\(number), a thread of a pool whose threads Executors' default thread factory numbers as it makes them: that pool had made \(number) threads, so it is an unbounded one (Executors.newCachedThreadPool, a ThreadPoolExecutor with a large maximumPoolSize) that grew until the task limit refused it, or one that keeps replacing threads. Bound the pool (Executors.newFixedThreadPool(N)); raising the limit only moves where it fails. `jstack PID | grep -c '\"pool-'` counts the pool threads alive."
    }
}
