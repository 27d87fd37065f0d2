import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A per-node log directory (docs/log-format.md, "Per-node directory"):
/// each uid's shim writes `forkexplain-<uid>.jsonl`, `forkexplain watch`
/// writes `watch.jsonl` (and moves it to `watch.jsonl.1`).
public enum LogDirectory {
    /// One log file found in the directory.
    public struct Entry: Sendable, Hashable {
        public var path: String
        /// The uid the name says wrote it; nil for a name of no uid, which
        /// root alone should own.
        public var namedUID: UInt32?
    }

    /// The log files in `directory`, by name: regular files ending in
    /// `.jsonl` or `.jsonl.1`. Anything else there is left alone, and a
    /// FIFO with a log's name is never opened.
    public static func logs(in directory: String) throws -> [Entry] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw LogReadError.cannotRead(path: directory, reason: "cannot list the directory")
        }
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        return names.sorted().compactMap { name in
            guard name.hasSuffix(".jsonl") || name.hasSuffix(".jsonl.1") else { return nil }
            var info = stat()
            guard lstat(base + name, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            return Entry(path: base + name, namedUID: namedUID(name))
        }
    }

    /// `forkexplain-1000.jsonl` -> 1000.
    public static func namedUID(_ name: String) -> UInt32? {
        let stem = name.hasSuffix(".1") ? String(name.dropLast(2)) : name
        guard stem.hasPrefix("forkexplain-"), stem.hasSuffix(".jsonl") else { return nil }
        return UInt32(stem.dropFirst("forkexplain-".count).dropLast(".jsonl".count))
    }

    /// Whether `path` names a directory (following links: the reader only
    /// reads).
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return path != LogSource.standardInput && stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }
}
