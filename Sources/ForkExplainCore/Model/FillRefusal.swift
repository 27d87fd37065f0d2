/// `fill_refused`: why the shim wrote a tally instead of a snapshot when
/// `FORKEXPLAIN_FILL=failure` found no clear room to fill the failure
/// path's buffers (docs/log-format.md, "tally"; CShim/preload/headroom.c):
/// the first source it found short, with its numbers, read at the failure.
struct FillRefusal: Sendable, Encodable, Hashable {
    /// "memcg", "mem_available" or "unread".
    var reason: String?
    var needBytes: Int64?
    /// memcg: the hierarchy's version, its mount, the cgroup's path under
    /// it, and the counter that had no room ("memory", or v1's "memsw").
    var version: Int?
    var mount: String?
    var path: String?
    var counter: String?
    var currentBytes: Int64?
    var maxBytes: Int64?
    /// mem_available: the host's `MemAvailable`.
    var memAvailableKb: Int64?
    /// unread: the file or directory that could not be read, and the
    /// error (nil for a file without the number expected).
    var source: String?
    var errnoName: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case reason
        case needBytes = "need_bytes"
        case version, mount, path, counter
        case currentBytes = "current_bytes"
        case maxBytes = "max_bytes"
        case memAvailableKb = "mem_available_kb"
        case source
        case errnoName = "errno_name"
    }

    init() {}

    /// The level's directory, as `cgroups.memory[].dir` names one.
    var dir: String? {
        guard let path else { return nil }
        return (mount ?? "") + (path == "/" ? "" : path)
    }
}
