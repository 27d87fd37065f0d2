import Foundation

/// Repeats of one failure: the same host, verdict and binding limit.
public struct Incident: Sendable {
    public struct Key: Hashable, Sendable {
        public var host: String?
        public var verdict: VerdictID
        public var binding: String
    }

    public var key: Key
    /// The most recent event: its verdict, evidence and backtrace speak for the incident.
    public var latest: FailureEvent
    public var count: Int
    public var first: Date?
    public var last: Date?
    public var firstTime: String?
    public var lastTime: String?
    public var pids: [Int]
    public var comms: [String]
    public var calls: [String]
    public var errnos: [String]
    /// "pthread_create (EAGAIN)": each call with the errno it got.
    public var failures: [String]
    /// "java (pid 2)": each process that failed.
    public var processes: [String]
    /// Every distinct kernel rule and misleading-message note among the
    /// events: a fork's ENOMEM and a thread's EAGAIN can share one incident.
    public var kernelRules: [String]
    public var misleadingNotes: [String]
    public var events: Int

    public var verdict: Verdict { latest.verdict }
    public var host: String? { key.host }
}
