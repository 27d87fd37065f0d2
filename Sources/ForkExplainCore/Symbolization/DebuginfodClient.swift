/// Fetches a module by its build-id from the debuginfod servers in
/// `DEBUGINFOD_URLS`, through elfutils' `debuginfod-find`: the frames of a
/// log read away from its host (a ticket's attachment on a laptop) are named
/// from the fleet's symbol server. debuginfod-find keeps what it fetched in
/// the cache every debuginfod client shares (`DEBUGINFOD_CACHE_PATH`, else
/// `$XDG_CACHE_HOME/debuginfod_client`), so a second report is local.
/// (Debian's llvm-symbolizer of LLVM 14 has no debuginfod client; later
/// ones do, unbounded, and are run without `DEBUGINFOD_URLS`: fetching is
/// this client's alone.)
///
/// Bounded: each fetch by elfutils' own limits (`DEBUGINFOD_TIMEOUT`,
/// `DEBUGINFOD_MAXTIME`, `DEBUGINFOD_MAXSIZE`, defaults set below unless the
/// user set them) and by a kill at `deadline`, a report by `budget`; what it hands back is used
/// only when its build-id is the logged one (`VerifiedModule`).
public struct DebuginfodClient: Sendable {
    var executable: String
    var environment: [String: String]
    var deadline: Duration = .seconds(30)
    /// Distinct build-ids one report fetches at most, and the time it
    /// spends fetching in all: past either, frames stay module+offset.
    static let maximumFetches = 32
    static let budget: Duration = .seconds(60)

    /// Nil unless DEBUGINFOD_URLS names a server and debuginfod-find is on PATH.
    public init?(environment: [String: String]) {
        guard let urls = environment["DEBUGINFOD_URLS"], !urls.trimmingCharacters(in: .whitespaces).isEmpty,
            let found = PathLookup.executable("debuginfod-find", environment: environment)
        else { return nil }
        executable = found
        var bounded = environment
        // Seconds without progress, seconds in all, bytes: elfutils' knobs.
        let limits = [
            ("DEBUGINFOD_TIMEOUT", "10"), ("DEBUGINFOD_MAXTIME", "25"),
            ("DEBUGINFOD_MAXSIZE", String(VerifiedModule.maximumBytes)),
        ]
        for (name, value) in limits where (bounded[name] ?? "").isEmpty { bounded[name] = value }
        // Progress goes to stderr, which is dropped anyway.
        bounded["DEBUGINFOD_PROGRESS"] = nil
        self.environment = bounded
    }

    /// The cached file that debuginfod-find fetched for `buildID`: the
    /// separate debug info first (the DWARF and symbol table), else the
    /// executable (its symbol table, when not stripped). Nil when neither
    /// could be had.
    func fetch(buildID: String) -> String? {
        guard Self.isBuildID(buildID) else { return nil }
        for kind in ["debuginfo", "executable"] {
            let helper = BoundedProcess(
                executable: executable, arguments: [kind, buildID], environment: environment, deadline: deadline,
                maximumOutput: 4096)
            guard let (output, status) = helper.run(), status == 0 else { continue }
            let path = String(decoding: output, as: UTF8.self).split(separator: "\n").first.map(String.init)
            if let path, path.hasPrefix("/") { return path }
        }
        return nil
    }

    /// Hex, as the log writes build-ids; anything else never reaches a URL.
    static func isBuildID(_ text: String) -> Bool {
        (2...128).contains(text.count) && text.count % 2 == 0
            && text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
    }
}
