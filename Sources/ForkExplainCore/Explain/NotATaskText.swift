/// A text that is not a refused process or thread creation: an OOM kill,
/// a full disk or a file limit, or words that name no failure of a task at
/// all. `explain` says what it is instead of listing a fork's causes.
enum NotATaskText: Sendable, Equatable {
    case oomKill(OOMKillText)
    case fileLimit(FileLimitText)
    /// No errno, no program forkexplain knows, no word of creating a task
    /// (`hello world`, `Segmentation fault`): the causes are given only
    /// as an if.
    case noTaskNamed

    /// What the text is, when it is no task creation. Only for a text no
    /// program rule and no kernel or manager line already explains; a text
    /// that names a fork or a thread stays a task's however it ends.
    static func read(_ text: String, errnos: [String], kind: CallKind) -> NotATaskText? {
        guard kind == .unknown else { return nil }
        let lower = text.lowercased()
        // An errno beside a `Killed` is the failure read: the kill may be
        // of another command, or the program's end after it.
        if errnos.isEmpty, let kill = OOMKillText.read(text) { return .oomKill(kill) }
        if let file = FileLimitText.read(lower, errnos: errnos) { return .fileLimit(file) }
        return errnos.isEmpty ? .noTaskNamed : nil
    }

    /// The first line's "They say: ...".
    var summary: String {
        switch self {
        case .oomKill(let kill):
            let who = kill.victim.map { "process \($0)" } ?? "a process"
            return kill.reporter == .signal
                ? "\(who) killed by SIGKILL, most often the OOM killer: not a refused fork or thread"
                : "\(who) killed by the OOM killer: true out of memory, not a refused fork or thread"
        case .fileLimit(.diskFull): return "ENOSPC from a write or an open: a full filesystem, not a task creation"
        case .fileLimit(.inotifyWatches):
            return "ENOSPC from inotify_add_watch: the inotify watch limit, not a full disk and not a task creation"
        case .fileLimit(.inotifyInstances):
            return "EMFILE from inotify_init: the inotify instance limit, not a task creation"
        case .fileLimit(.openFiles(let errno)): return "\(errno): no file descriptor left, not a task creation"
        case .noTaskNamed: return "no failed process or thread creation is named"
        }
    }
}
