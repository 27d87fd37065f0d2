import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A way to make process creation fail on this machine, harmlessly.
struct DemoScenario {
    var title: String
    var arguments: [String]
    /// The program whose complaint the demo quotes.
    var shell: String

    /// Bash forks its first external command, which becomes PID 1 of the new
    /// namespace and exits; the second fork then gets ENOMEM (docs/kernel-facts.md §1). The
    /// trailing `:` stops bash from exec'ing the last command without a fork.
    static let shellScript = "/bin/true; /bin/true; :"

    /// In order of preference for the current user.
    static func candidates(isRoot: Bool) -> [DemoScenario] {
        if isRoot {
            return [
                DemoScenario(
                    title: "a PID namespace whose init has exited",
                    arguments: ["unshare", "--pid", "--", "bash", "-c", shellScript], shell: "bash")
            ]
        }
        var scenarios = [
            DemoScenario(
                title: "a PID namespace whose init has exited (in an unprivileged user namespace)",
                arguments: ["unshare", "--user", "--map-root-user", "--pid", "--", "bash", "-c", shellScript],
                shell: "bash")
        ]
        // RLIMIT_NPROC set to the uid's current task count: the next fork
        // fails with EAGAIN (docs/kernel-facts.md §1). dash, unlike bash, does not retry it;
        // dash names the limit -p, bash -u.
        if let tasks = UserTasks.count(uid: getuid()) {
            scenarios.append(
                DemoScenario(
                    title: "RLIMIT_NPROC at your current task count (\(tasks))",
                    arguments: [
                        "sh", "-c", "{ ulimit -p \(tasks) || ulimit -u \(tasks); } 2>/dev/null && /bin/true; :",
                    ],
                    shell: "sh"))
        }
        return scenarios
    }

    var commandLine: String {
        arguments.map { $0.contains(" ") || $0.contains(";") ? "'\($0)'" : $0 }.joined(separator: " ")
    }
}

/// Counts the tasks (threads included) whose real uid is `uid`, the number
/// RLIMIT_NPROC is compared with (docs/kernel-facts.md §1).
enum UserTasks {
    static func count(uid: uid_t) -> Int? {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return nil }
        var total = 0
        for entry in entries where entry.allSatisfy(\.isNumber) {
            guard let status = try? String(contentsOfFile: "/proc/\(entry)/status", encoding: .utf8) else { continue }
            var realUID: String?
            var threads = 1
            for line in status.split(separator: "\n") {
                if line.hasPrefix("Uid:") {
                    realUID = line.split(whereSeparator: { $0 == "\t" || $0 == " " }).dropFirst().first.map(String.init)
                } else if line.hasPrefix("Threads:") {
                    threads = Int(line.dropFirst("Threads:".count).trimmingCharacters(in: .whitespaces)) ?? 1
                }
            }
            if realUID == String(uid) { total += threads }
        }
        return total > 0 ? total : nil
    }
}
