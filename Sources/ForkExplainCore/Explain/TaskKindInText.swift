/// Whether the wording of a line is about creating a thread or a process.
/// Thread wording is checked first and narrowly: a JVM stack trace says
/// "Exception in thread" above a failed `Cannot run program`.
enum TaskKindInText {
    static func kind(of line: String) -> CallKind {
        let lower = line.lowercased()
        let words = lower.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init)
        if threadPhrases.contains(where: lower.contains) || createsThread(words) { return .thread }
        if processPhrases.contains(where: lower.contains) || words.contains(where: processWords.contains) {
            return .process
        }
        return .unknown
    }

    static let threadPhrases = [
        "pthread_create", "native thread", "os thread", "newosproc", "thread creation", "thread_create",
        // boost::thread's exception, OCaml's Thread.create (§11.154).
        "thread_resource_error", "thread.create",
    ]

    /// "can't create Thread", "failed to spawn thread", "can't start new
    /// thread", "spawn a new worker thread": a verb at most three words
    /// before a word starting with "thread".
    private static func createsThread(_ words: [String]) -> Bool {
        for (index, word) in words.enumerated() where word.hasPrefix("thread") {
            let before = words[max(0, index - 4)..<index]
            // GLib's "Error creating thread" too (§11.154).
            if before.contains(where: ["create", "creating", "start", "spawn", "launch"].contains) { return true }
        }
        return false
    }

    static let processPhrases = [
        "fork/exec", "cannot run program", "could not fork", "unable to fork", "cannot fork", "child process",
        "proc_open",
    ]
    static let processWords: Set<String> = [
        "fork", "vfork", "forking", "spawn", "spawning", "popen", "posix_spawn", "fork_exec", "_fork", "clone",
    ]
}
