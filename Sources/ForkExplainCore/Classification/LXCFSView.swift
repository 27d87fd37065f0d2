/// What a container behind LXCFS cannot see (docs/kernel-facts.md §11.2):
/// LXCFS mounts FUSE files over /proc/loadavg and /proc/meminfo whose
/// numbers it computes from the container's cgroups. The shim then records
/// no host task count; these lines say why, so that an absent pid_max or
/// threads-max comparison is not read as room.
enum LXCFSView {
    static func lines(for context: FailureContext) -> [String] {
        guard let container = context.record.container else { return [] }
        var lines: [String] = []
        if container.loadavgIsLXCFS {
            let limits = [
                context.pid.pidMax.map { "kernel.pid_max \($0)" }, context.pid.threadsMax.map { "threads-max \($0)" },
            ].compactMap { $0 }.joined(separator: " and ")
            lines.append(
                "/proc/loadavg here is LXCFS's (a fuse.lxcfs mount, container.lxcfs): its task count is this container's, not the host's, so \(limits.isEmpty ? "the host's PID limits" : limits) cannot be compared with the host's tasks from inside; on the host: `cat /proc/loadavg` and `sysctl kernel.pid_max kernel.threads-max`"
            )
        }
        if container.meminfoIsLXCFS {
            lines.append(
                "/proc/meminfo here is LXCFS's: MemTotal and MemAvailable are the container's memory cgroup limit and what is left of it, not the host's RAM"
            )
        }
        return lines
    }
}
