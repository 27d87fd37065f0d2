import Foundation

/// Repeats of one failure: the same host, verdict and binding limit.
struct Incident: Sendable {
    struct Key: Hashable, Sendable {
        var host: String?
        var verdict: VerdictID
        var binding: String
    }

    var key: Key
    /// The most recent event: its verdict, evidence and backtrace speak for the incident.
    var latest: FailureEvent
    var count: Int
    var first: Date?
    var last: Date?
    var firstTime: String?
    var lastTime: String?
    var pids: [Int]
    var comms: [String]
    /// The failing threads' names (`thread_comm`).
    var threads: [String]
    var calls: [String]
    var errnos: [String]
    /// "pthread_create (EAGAIN)": each call with the errno it got.
    var failures: [String]
    /// "java (pid 2)": each process that failed.
    var processes: [String]
    /// Every distinct kernel rule and misleading-message note among the
    /// events: a fork's ENOMEM and a thread's EAGAIN can share one incident.
    var kernelRules: [String]
    var misleadingNotes: [String]
    var events: Int

    var verdict: Verdict { latest.verdict }
    var host: String? { key.host }
}
