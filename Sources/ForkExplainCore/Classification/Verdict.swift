/// The stable verdict identifiers of docs/design.md, with their families.
enum VerdictID: String, Sendable, Hashable, Codable, CaseIterable {
    case memoryExhausted = "memory_exhausted"
    case memcgLimit = "memcg_limit"
    case commitLimit = "commit_limit"
    case pidMax = "pid_max"
    case threadsMax = "threads_max"
    case cgroupPidsLimit = "cgroup_pids_limit"
    case rlimitNPROC = "rlimit_nproc"
    case pidNamespaceInitDead = "pidns_init_dead"
    case mapCountLimit = "map_count_limit"
    case rlimitAS = "rlimit_as"
    case seccompOrPolicy = "seccomp_or_policy"
    /// Added after the design's table (compatible: a new value): a user
    /// namespace's count (user.max_user_namespaces), and the other
    /// namespace counts and the nesting depths (docs/kernel-facts.md §11.77).
    case usernsCount = "userns_count"
    case namespaceCount = "namespace_count"
    /// Added after field16's (compatible: a new value): a thread refused
    /// while another thread of the process was in execve, which no limit
    /// does (docs/kernel-facts.md §11.210).
    case execInProgress = "exec_in_progress"
    case unexplained

    var family: VerdictFamily {
        switch self {
        case .memoryExhausted, .memcgLimit, .commitLimit: .oom
        case .pidMax, .threadsMax: .pidExhaustion
        case .cgroupPidsLimit, .rlimitNPROC, .pidNamespaceInitDead, .mapCountLimit, .rlimitAS, .seccompOrPolicy,
            .usernsCount, .namespaceCount, .execInProgress:
            .denial
        case .unexplained: .unexplained
        }
    }
}

enum VerdictFamily: String, Sendable, Hashable, Codable {
    case oom
    case pidExhaustion = "pid_exhaustion"
    case denial
    case unexplained
}

enum Confidence: String, Sendable, Hashable, Codable, Comparable {
    case low, medium, high

    private var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        }
    }

    static func < (lhs: Confidence, rhs: Confidence) -> Bool { lhs.rank < rhs.rank }
}

/// The limit that said no. `key` is stable (incidents group on it); `name`
/// is what a person reads.
public struct BindingLimit: Sendable, Hashable {
    var key: String
    public var name: String

    init(key: String, name: String) {
        self.key = key
        self.name = name
    }
}

/// What the classifier concluded about one failure, and why.
public struct Verdict: Sendable, Hashable {
    var id: VerdictID
    var confidence: Confidence
    /// A short phrase for headlines: "PID exhaustion in kernel.pid_max (host)".
    var summary: String
    public var bindingLimit: BindingLimit
    /// The kernel (or glibc) code path that produced the errno.
    public var kernelRule: String
    /// Set when the error message points the wrong way.
    var misleadingNote: String?
    /// Each line carries its numbers and where they were read.
    var evidence: [String]
    var advice: [String]
    /// Set by `ExpectedErrno.check` when the numbers only came near this
    /// limit and the errno is not its errno either: the classifier then
    /// drops the verdict and tries the next rule.
    var contradicted = false

    var family: VerdictFamily { id.family }

    init(
        id: VerdictID, confidence: Confidence, summary: String, bindingLimit: BindingLimit,
        kernelRule: String, misleadingNote: String? = nil, evidence: [String], advice: [String]
    ) {
        self.id = id
        self.confidence = confidence
        self.summary = summary
        self.bindingLimit = bindingLimit
        self.kernelRule = kernelRule
        self.misleadingNote = misleadingNote
        self.evidence = evidence
        self.advice = advice
    }
}
