import ForkExplainCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The checker's own /proc (ProcView): whether it lists the host's tasks,
/// and the `hidepid=` of its mount, which hides other users' processes
/// from a reader that is not root (proc(5)).
public enum LiveProcView {
    public static func take() -> ProcView {
        // A replayed tree (FORKEXPLAIN_PROC_ROOT) is another machine's: the
        // record says what it showed.
        guard ProcessInfo.processInfo.environment["FORKEXPLAIN_PROC_ROOT"] == nil else { return ProcView() }
        return ProcView(
            listsHostTasks: TargetNamespace.readerIsOnTheHost, hidepid: hidepid(), readerUid: Int(geteuid()))
    }

    static func hidepid() -> String? {
        guard let text = try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8) else { return nil }
        return hidepid(mountinfo: text)
    }

    /// `hidepid=` of the proc mount at /proc, from mountinfo's super
    /// options (after the ` - proc proc ` fields, proc(5)); nil when it is
    /// 0 or `off`, or not there.
    public static func hidepid(mountinfo text: String) -> String? {
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count > 4, fields[4] == "/proc", let dash = fields.firstIndex(of: "-"),
                dash + 3 < fields.count, fields[dash + 1] == "proc"
            else { continue }
            for option in fields[dash + 3].split(separator: ",") where option.hasPrefix("hidepid=") {
                let value = String(option.dropFirst("hidepid=".count))
                return value == "0" || value == "off" ? nil : value
            }
            return nil
        }
        return nil
    }
}
