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
    var pids: [Int] { seenPids.values }
    var comms: [String] { seenComms.values }
    /// The failing threads' names (`thread_comm`).
    var threads: [String] { seenThreads.values }
    var calls: [String] { seenCalls.values }
    var errnos: [String] { seenErrnos.values }
    /// "pthread_create (EAGAIN)": each call with the errno it got.
    var failures: [String] { seenFailures.values }
    /// "java (pid 2)": each process that failed, or the first few of them
    /// when the report shows no more (`Lists.firstProcesses`).
    var processes: [String] {
        seenProcesses.values.map { ProcessName(comm: processComms[$0.names], pid: $0.pid).description }
    }
    /// How many processes failed.
    var processCount: Int { seenProcesses.count }
    /// Every distinct kernel rule and misleading-message note among the
    /// events: a fork's ENOMEM and a thread's EAGAIN can share one incident.
    var kernelRules: [String] { seenKernelRules.values }
    var misleadingNotes: [String] { seenMisleadingNotes.values }
    /// Empty unless the report lists them (`Lists`).
    var seenPids = FirstSeen<Int>()
    var seenComms = FirstSeen<String>()
    var seenThreads = FirstSeen<String>()
    var seenCalls = FirstSeen<String>()
    var seenErrnos = FirstSeen<String>()
    var seenFailures = FirstSeen<String>()
    /// Not the "java (pid 2)" strings, each its own on the heap past 15
    /// bytes: the name and pid, which an incident of 100,000 processes
    /// holds for each (docs/performance.md, "Held events: counted at once, spooled"),
    /// the name as its place in `processComms` (16 bytes, where a
    /// `ProcessName` took 32: "Held events: the tables of each process compact").
    var seenProcesses = FirstSeen<PidKey>()
    /// The names of `seenProcesses`, each once ("?" for none).
    var processComms = Interned<String>()
    var lists: Lists
    var seenKernelRules = FirstSeen<String>()
    var seenMisleadingNotes = FirstSeen<String>()
    /// Where in the log the incident's first event and its latest are.
    var firstSequence: Int
    var latestSequence: Int
    var events: Int

    /// A process that failed as the report names it: its name (a `comm`)
    /// and pid.
    struct ProcessName: Hashable, Sendable, CustomStringConvertible {
        /// "?" when the record had none, as the string it stands for said.
        var comm: String
        var pid: Int?

        var description: String { "\(comm) (pid \(pid.map(String.init) ?? "?"))" }
    }

    /// What of each process the incident keeps: the JSON report lists
    /// every pid, text and Markdown name the first three processes and
    /// count the rest. A log of 100,000 processes in one incident held
    /// both for each, in every format (docs/performance.md, "Held events:
    /// what each process leaves").
    struct Lists: OptionSet, Sendable {
        let rawValue: UInt8
        static let pids = Lists(rawValue: 1)
        /// Every process in order, not only the first `shownProcesses`.
        static let processes = Lists(rawValue: 2)
        static let all: Lists = [.pids, .processes]
    }

    /// The processes text and Markdown name before "and N more".
    static let shownProcesses = 3

    var verdict: Verdict { latest.verdict }
    var host: String? { key.host }
}
