/// What `check` reads below a Kubernetes pod's own pids level on the node:
/// each direct child level (a container's, the sandbox's pause) with its
/// pids.current, so the split "C in this container, O in the others" names
/// the others (docs/kernel-facts.md §11.150).
public struct PodChildLevels: Sendable, Hashable {
    /// One directory below the pod's level, as the reader found it.
    public struct Child: Sendable, Hashable {
        public var name: String
        public var tasks: Int64
        /// Its one process is `pause`: the pod's sandbox container.
        public var sandbox: Bool

        public init(name: String, tasks: Int64, sandbox: Bool = false) {
            self.name = name
            self.tasks = tasks
            self.sandbox = sandbox
        }
    }

    /// What the reader saw: the children it read, the pod level's own
    /// pids.current read with them, and whether it read every entry.
    public struct Reading: Sendable, Hashable {
        public var children: [Child]
        public var podTasks: Int64?
        public var complete: Bool

        public init(children: [Child], podTasks: Int64?, complete: Bool) {
            self.children = children
            self.podTasks = podTasks
            self.complete = complete
        }
    }

    /// A shown level: its directory, what it is, its tasks.
    struct Level: Sendable, Hashable, Encodable {
        var cgroup: String
        var name: String
        var tasks: Int64
        var sandbox: Bool?
        /// The checked process's own container level.
        var thisContainer: Bool?
    }

    /// Levels shown one by one; the rest are summed.
    static let shownAtMost = 8
    /// Entries of the pod's directory a reader reads at most (a pod's v2
    /// level holds some 40 interface files and one directory per
    /// container), and child levels it keeps.
    public static let entriesAtMost = 1024
    public static let childrenAtMost = 256

    var shown: [Level]
    var moreLevels: Int
    var moreTasks: Int64
    /// Tasks in the pod's level itself, in no child: nil unless every
    /// child was read.
    var ownLevelTasks: Int64?
    /// Entries were left unread: the counts are of those read.
    var complete: Bool

    /// The largest first (ties by name, so the order is stable), at most
    /// `shownAtMost`, the rest summed; `own`, the checked process's level's
    /// directory name, marked.
    static func of(_ reading: Reading, own: String? = nil) -> PodChildLevels {
        let sorted = reading.children.sorted { ($0.tasks, $1.name) > ($1.tasks, $0.name) }
        let shown = sorted.prefix(shownAtMost).map {
            let mine = $0.name == own
            let name = label($0.name, sandbox: $0.sandbox) + (mine ? " (this container)" : "")
            return Level(
                cgroup: $0.name, name: name, tasks: $0.tasks, sandbox: $0.sandbox ? true : nil,
                thisContainer: mine ? true : nil)
        }
        let rest = sorted.dropFirst(shownAtMost)
        let inChildren = sorted.reduce(Int64(0)) { $0 + $1.tasks }
        let inLevel = reading.complete ? reading.podTasks.map { Swift.max($0 - inChildren, 0) } : nil
        return PodChildLevels(
            shown: shown, moreLevels: rest.count, moreTasks: rest.reduce(0) { $0 + $1.tasks }, ownLevelTasks: inLevel,
            complete: reading.complete)
    }

    /// What a child level's name says it is: runc's systemd driver names a
    /// container's scope `<prefix>-<id>.scope` (containerd's CRI
    /// `cri-containerd`, CRI-O `crio`, its monitor `crio-conmon`, dockerd
    /// `docker`); with the cgroupfs driver the directory is the id itself.
    /// Ids are shortened to docker's 12 hex digits.
    static func label(_ name: String, sandbox: Bool) -> String {
        let runtimes: [(String, String)] = [
            ("cri-containerd-", "containerd container"), ("crio-conmon-", "CRI-O conmon of container"),
            ("crio-", "CRI-O container"), ("docker-", "Docker container"),
        ]
        var what = name
        if let (prefix, kind) = runtimes.first(where: { name.hasPrefix($0.0) && name.hasSuffix(".scope") }),
            let id = IdentityClues.between(name, prefix, ".scope"), IdentityClues.isContainerId(id)
        {
            what = "\(kind) \(id.prefix(12))"
        } else if IdentityClues.isContainerId(name) {
            what = "container \(name.prefix(12))"
        }
        return sandbox ? what + " (the pod's sandbox: pause)" : what
    }

    /// check's lines under the pod's: each level's count, largest first.
    var lines: [String] {
        var lines = shown.map { "\($0.tasks) \($0.tasks == 1 ? "task" : "tasks") in \($0.name)" }
        if moreLevels > 0 {
            lines.append("and \(moreLevels) more \(moreLevels == 1 ? "level" : "levels"): \(moreTasks) tasks")
        }
        if let own = ownLevelTasks, own > 0 {
            lines.append("\(own) \(own == 1 ? "task" : "tasks") in the pod's level itself, in no container's")
        }
        if !complete {
            lines.append("(the first \(Self.childrenAtMost) child levels or \(Self.entriesAtMost) entries read)")
        }
        return lines
    }
}
