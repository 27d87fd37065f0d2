import ForkExplainCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

extension RunnerTasks {
    /// This process as it is now: its threads in /proc/self/task, its real
    /// uid, its pids cgroups. Nil when /proc cannot say (then nothing is
    /// said about run's share, rather than a guess).
    static func now() -> RunnerTasks? {
        guard let tasks = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task"), !tasks.isEmpty,
            let cgroups = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8)
        else { return nil }
        var namespace = stat()
        return RunnerTasks(
            pid: Int(getpid()), tasks: tasks.count, uid: Int(getuid()),
            pidsCgroup: pidsCgroups(procSelfCgroup: cgroups),
            cgroupNamespace: stat("/proc/self/ns/cgroup", &namespace) == 0 ? Int64(namespace.st_ino) : nil)
    }
}
