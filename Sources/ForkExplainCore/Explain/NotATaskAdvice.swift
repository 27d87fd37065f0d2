/// What to read and check for a text that is not a task creation
/// (docs/kernel-facts.md §11.120 for the OOM killer, §11.121 for ENOSPC,
/// EMFILE and inotify, §11.122 for a text that names no failure).
extension NotATaskText {
    /// The lines after the heading: what happened, the numbers the text
    /// gives, and the commands that check it.
    var advice: [String] {
        switch self {
        case .oomKill(let kill): Self.oomAdvice(kill)
        case .fileLimit(let file): Self.fileAdvice(file)
        case .noTaskNamed:
            [
                "It names no errno, no program failure forkexplain knows and no fork, clone, spawn, process or thread: nothing here says a process or thread could not be created."
            ]
        }
    }

    private static func oomAdvice(_ kill: OOMKillText) -> [String] {
        var lines: [String] = []
        switch kill.reporter {
        case .signal:
            lines.append(
                "A process was killed by SIGKILL (a shell's `Killed`, exit code 137 = 128 + 9): most often the OOM killer, when a memory cgroup's limit or the whole machine's memory was reached; a `kill -9`, a liveness probe's restart or a timeout's kill read the same. The process had been created: no fork or thread was refused, and no task limit is the cause."
            )
        case .kernel, .manager:
            lines.append(
                "The OOM killer ended a process that was running: memory was truly exhausted, a memory cgroup's limit (a container's, a unit's MemoryMax=) or the whole machine's. No fork or thread was refused, and no task limit is the cause."
            )
        }
        switch kill.inCgroup {
        case true?:
            lines.append(
                "The limit reached was a memory cgroup's\(kill.limitCgroup.map { ": \($0)" } ?? "") (the kernel's `Memory cgroup out of memory` or `constraint=CONSTRAINT_MEMCG`)."
            )
        case false?:
            lines.append(
                "The limit reached was the whole machine's memory (`constraint=CONSTRAINT_NONE`): no cgroup bound it.")
        case nil: break
        }
        if let task = kill.taskCgroup, task != kill.limitCgroup { lines.append("The killed process was in \(task).") }
        if let anon = kill.anonRSSKiB {
            let mib = anon >= 1024 ? " (\(anon / 1024) MiB)" : ""
            lines.append("It held \(anon) KiB\(mib) of anonymous memory when killed (anon-rss).")
        }
        lines.append("Check:")
        lines += [
            "dmesg -T | grep -iE 'out of memory|oom-kill|killed process'  # the kernel's lines: victim, cgroup, sizes",
            "grep oom_kill /sys/fs/cgroup/CGROUP/memory.events  # v2: kills in that cgroup; v1: memory.oom_control's oom_kill",
            "cat /sys/fs/cgroup/CGROUP/memory.max  # v2 (v1: memory.limit_in_bytes); docker inspect -f '{{.State.OOMKilled}} {{.HostConfig.Memory}}' CONTAINER; kubectl describe pod POD  # Last State: OOMKilled, limits.memory",
        ].map { "     $ \($0)" }
        lines.append(
            "Fix: give the cgroup or the container more memory (docker --memory, resources.limits.memory, MemoryMax=), or make the program use less (a JVM's -Xmx below the limit, fewer parallel jobs: `make -j`, a compiler's cc1plus uses hundreds of MiB each)."
        )
        return lines
    }

    private static func fileAdvice(_ file: FileLimitText) -> [String] {
        switch file {
        case .diskFull:
            [
                "A write, an open or a mkdir got ENOSPC: the filesystem (or its inodes) is full. No process or thread was refused; pid_max's ENOSPC (kernels 4.15 to 4.18) comes from a fork or clone only.",
                "     $ df -h PATH; df -i PATH  # blocks and inodes of the filesystem written",
            ]
        case .inotifyWatches:
            [
                "inotify_add_watch returns ENOSPC when the user's inotify watches reach fs.inotify.max_user_watches (counted per user in each user namespace, /proc/sys/user/max_inotify_watches inside one): `No space left on device` here says nothing of a disk, and no process or thread was refused. File watchers (IDEs, webpack, jest, tail -f, systemd) take one watch per directory.",
                "     $ cat /proc/sys/fs/inotify/max_user_watches /proc/sys/user/max_inotify_watches",
                "     $ find /proc/*/fdinfo -type f 2>/dev/null | xargs grep -c '^inotify' 2>/dev/null | sort -t: -k2 -n | tail  # watches per descriptor",
                "Fix: watch fewer directories (exclude node_modules), or raise the limit as root: `sysctl fs.inotify.max_user_watches=N` (and in /etc/sysctl.d/ to keep it).",
            ]
        case .inotifyInstances:
            [
                "inotify_init returns EMFILE when the user's inotify instances reach fs.inotify.max_user_instances (per user in each user namespace): not the open-file limit, and no process or thread was refused.",
                "     $ cat /proc/sys/fs/inotify/max_user_instances; find /proc/*/fd -lname anon_inode:inotify 2>/dev/null | wc -l",
            ]
        case .openFiles(let errno):
            [
                errno == "ENFILE"
                    ? "ENFILE: the whole system's open files reached fs.file-max. No process or thread was refused."
                    : "EMFILE: the process's open files reached its RLIMIT_NOFILE (ulimit -n). No process or thread was refused.",
                "     $ grep 'open files' /proc/PID/limits; ls /proc/PID/fd | wc -l; cat /proc/sys/fs/file-nr",
            ]
        }
    }
}
