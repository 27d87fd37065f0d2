import ForkExplainCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The checker's own /proc (ProcView): whether it lists the host's tasks,
/// and the `hidepid=` and `gid=` of its mount, which hide processes from a
/// reader that is not root nor in that group (proc(5)).
public enum LiveProcView {
    public static func take() -> ProcView {
        // A replayed tree (FORKEXPLAIN_PROC_ROOT) is another machine's: the
        // record says what it showed.
        guard ProcessInfo.processInfo.environment["FORKEXPLAIN_PROC_ROOT"] == nil else { return ProcView() }
        let text = try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
        let options = text.map(procOptions(mountinfo:))
        return ProcView(
            listsHostTasks: TargetNamespace.readerIsOnTheHost, hidepid: options?.hidepid, hidepidGid: options?.gid,
            readerUid: Int(geteuid()), readerGids: readerGids())
    }

    /// `hidepid=` of the proc mount at /proc, as `procOptions` reads it.
    public static func hidepid(mountinfo text: String) -> String? {
        procOptions(mountinfo: text).hidepid
    }

    /// `hidepid=` and `gid=` of the proc mount at /proc, from mountinfo's
    /// super options (after the ` - proc proc ` fields, proc(5)); hidepid
    /// nil when it is 0 or `off`, or not there. Of proc mounts stacked at
    /// /proc (one mounted over the boot's, as in a private mount namespace)
    /// the last listed is the one a path lookup finds (mountinfo lists a
    /// mount after the one it covers).
    public static func procOptions(mountinfo text: String) -> (hidepid: String?, gid: Int?) {
        var found: (hidepid: String?, gid: Int?) = (nil, nil)
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count > 4, fields[4] == "/proc", let dash = fields.firstIndex(of: "-"),
                dash + 3 < fields.count, fields[dash + 1] == "proc"
            else { continue }
            found = (nil, nil)
            for option in fields[dash + 3].split(separator: ",") {
                if option.hasPrefix("hidepid=") {
                    let value = String(option.dropFirst("hidepid=".count))
                    found.hidepid = value == "0" || value == "off" ? nil : value
                } else if option.hasPrefix("gid=") {
                    found.gid = Int(option.dropFirst("gid=".count))
                }
            }
        }
        return found
    }

    /// The checker's effective gid and supplementary groups: a member of the
    /// mount's gid= sees every process (fs/proc/base.c in_group_p()).
    static func readerGids() -> [Int] {
        var groups = [gid_t](repeating: 0, count: Int(getgroups(0, nil)) + 1)
        let count = getgroups(Int32(groups.count), &groups)
        return [Int(getegid())] + groups.prefix(max(0, Int(count))).map(Int.init)
    }
}
