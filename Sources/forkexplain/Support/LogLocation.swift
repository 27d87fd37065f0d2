import ForkExplainCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where the shim writes when told nothing: `$FORKEXPLAIN_LOG`, else
/// `/tmp/forkexplain-<euid>.jsonl` (docs/log-format.md). The name is a
/// template: `%u` and `%h` are this reader's, `%p` any process's, and a
/// name ending in `/` is a per-node directory.
enum LogLocation {
    static let defaultTemplate = "/tmp/forkexplain-%u.jsonl"

    static func template(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["FORKEXPLAIN_LOG"], !path.isEmpty { return path }
        return defaultTemplate
    }

    /// The logs a template names now: the one file, the directory, or
    /// every file a `%p` gives in its directory. When `%p` matches nothing
    /// yet, the template with `%p` left in, so that "no such file" names it.
    static func paths(of template: String) -> [String] {
        let name = LogNameTemplate(template)
        let uid = geteuid()
        let host = hostName()
        let expanded = name.expanded(pid: nil, uid: uid, host: host)
        guard name.variesByProcess, !name.isDirectory else { return [expanded] }
        let directory = directory(of: expanded)
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        let found = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
            .map { base + $0 }.filter { name.matches($0, uid: uid, host: host) }
        return found.isEmpty ? [expanded] : found
    }

    /// The file this process would write for a template: in a per-node
    /// directory its own `forkexplain-<euid>.jsonl`.
    static func ownFile(of template: String) -> String {
        let name = LogNameTemplate(template)
        let path = name.expanded(pid: getpid(), uid: geteuid(), host: hostName())
        return name.isDirectory ? path + "forkexplain-\(geteuid()).jsonl" : path
    }

    /// uname(2)'s nodename, as the shim's `%h` reads it.
    static func hostName() -> String {
        var names = utsname()
        guard uname(&names) == 0 else { return "" }
        return withUnsafeBytes(of: &names.nodename) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The size of a log now, so a later read can start where it ended.
    static func size(of path: String) -> UInt64 {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        return UInt64(info.st_size)
    }

    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }
}
