/// A pids level (a unit's TasksMax= among them) counts tasks, every thread,
/// where `ps -ax` and top's "Tasks:" line count processes: nodejs/node#11041's
/// user counted 145 processes on a host whose jenkins.service was refused at
/// 512 and looked elsewhere (docs/kernel-facts.md §11.225). The scan's
/// processes bound the level's own only where it saw every process the
/// level can hold: the whole host (no PID namespace of its own), or the
/// container whose own cgroup, or a unit inside it, the level is.
enum ThreadsNotProcesses {
    static func line(
        _ top: TopSnapshot?, tasks: Int64, dir: String, place: PidsLevelPlace, nested: Bool
    ) -> String? {
        guard top?.complete == true, let processes = top?.processes, processes > 0, tasks >= processes * 2 else {
            return nil
        }
        guard !nested || place == .containerOwn || place == .insideContainer else { return nil }
        return
            "the scan saw \(processes) processes in all (top.processes) and this level alone holds \(tasks) tasks: pids.max (and systemd's TasksMax=) counts every thread, not processes as `ps -ax` or top's \"Tasks:\" line do, so the level is full of threads; count them with `cat \(ShellWord.quoted(dir + "/pids.current"))` or `ps -eLf`"
    }
}
