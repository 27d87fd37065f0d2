import ForkExplainCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The direct child levels of a pod's pids level on this node, each with
/// its pids.current (docs/kernel-facts.md §11.150). Bounded: one directory,
/// at most PodChildLevels.entriesAtMost entries and childrenAtMost levels,
/// each file read into a small buffer.
public enum LivePodChildren {
    public static func read(dir: String) -> PodChildLevels.Reading? {
        // A replayed tree (FORKEXPLAIN_PROC_ROOT) is another machine's: its
        // cgroup directories are not this node's.
        guard ProcessInfo.processInfo.environment["FORKEXPLAIN_PROC_ROOT"] == nil, let stream = opendir(dir) else {
            return nil
        }
        defer { closedir(stream) }
        var children: [PodChildLevels.Child] = []
        var entries = 0
        var complete = true
        while let entry = readdir(stream) {
            entries += 1
            if entries > PodChildLevels.entriesAtMost {
                complete = false
                break
            }
            guard entry.pointee.d_type == UInt8(DT_DIR) else { continue }
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name != ".", name != "..", let tasks = number(dir + "/" + name + "/pids.current") else { continue }
            // One level past the bound: the list is cut.
            if children.count == PodChildLevels.childrenAtMost {
                complete = false
                break
            }
            children.append(.init(name: name, tasks: tasks, sandbox: tasks == 1 && isPause(dir + "/" + name)))
        }
        return .init(children: children, podTasks: number(dir + "/pids.current"), complete: complete)
    }

    /// A level whose one process is `pause`: the pod's sandbox (the CRI
    /// runtimes' sandbox image runs /pause).
    static func isPause(_ level: String) -> Bool {
        guard let procs = small(level + "/cgroup.procs"),
            let pid = procs.split(separator: "\n").first.flatMap({ Int32($0) }), pid > 0
        else { return false }
        return small("/proc/\(pid)/comm")?.trimmingCharacters(in: .whitespacesAndNewlines) == "pause"
    }

    static func number(_ path: String) -> Int64? {
        small(path).flatMap { Int64($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// The first 64 bytes of a file.
    static func small(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, 64) }
        guard count > 0 else { return nil }
        return String(decoding: buffer.prefix(count), as: UTF8.self)
    }
}
