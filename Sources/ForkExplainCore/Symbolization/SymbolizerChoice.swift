import Foundation

/// Which `llvm-symbolizer` a report runs. `FORKEXPLAIN_SYMBOLIZER` (a path,
/// or a name looked up on PATH) wins; otherwise the newest LLVM among those
/// installed: `llvm-symbolizer` and the versioned `llvm-symbolizer-NN` in
/// each PATH directory, Debian's and Ubuntu's `/usr/lib/llvm-NN/bin`, and
/// the one beside the `swift` on PATH. Newer ones run in a third of the
/// memory and half the time here (Debian's LLVM 14 links `libLLVM-14.so`
/// whole: docs/performance.md, "Which llvm-symbolizer"); ties go to the
/// first found, PATH's order first.
public struct SymbolizerChoice: Sendable {
    static let override = "FORKEXPLAIN_SYMBOLIZER"
    var environment: [String: String]
    var libraryRoot = "/usr/lib"
    /// An installed LLVM's version: `[major, minor, patch]` from
    /// `--version`, `[major]` from a name.
    typealias Version = [Int]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// The executable to run; nil when the override names none, or none is installed.
    public func executable() -> String? { chosen()?.path }

    /// The executable to run, its version when known (from its name or
    /// path, or its `--version` when it was compared by that: not run
    /// again for this), and whether `FORKEXPLAIN_SYMBOLIZER` named it.
    func chosen() -> (path: String, version: Version, named: Bool)? {
        if let named = environment[Self.override], !named.isEmpty {
            let path =
                named.contains("/")
                ? (FileManager.default.isExecutableFile(atPath: named) ? named : nil)
                : PathLookup.executable(named, environment: environment)
            return path.map { ($0, Self.version(fromPath: $0) ?? [], true) }
        }
        var best: (path: String, version: Version, named: Bool)?
        for path in candidates() {
            let version = Self.version(fromPath: path) ?? Self.version(reportedBy: path) ?? []
            if best.map({ version.lexicographicallyPrecedes($0.version) || version == $0.version }) ?? false {
                continue
            }
            best = (path, version, false)
        }
        return best
    }

    /// What a report says ran (`Symbolizer.name`): the path, its LLVM
    /// version when known, and the override when it named it.
    static func name(path: String, version: Version, named: Bool) -> String {
        var parts: [String] = []
        if !version.isEmpty { parts.append("LLVM " + version.map(String.init).joined(separator: ".")) }
        if named { parts.append("named by \(override)") }
        return parts.isEmpty ? path : "\(path) (\(parts.joined(separator: ", ")))"
    }

    /// Every installed symbolizer, each once (by its resolved path), PATH's first.
    func candidates() -> [String] {
        let files = FileManager.default
        var found: [String] = []
        var seen = Set<String>()
        func add(_ path: String) {
            guard files.isExecutableFile(atPath: path) else { return }
            let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            if seen.insert(real).inserted { found.append(path) }
        }
        let directories = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for directory in directories {
            add(directory + "/llvm-symbolizer")
            let names = (try? files.contentsOfDirectory(atPath: directory)) ?? []
            for name in names.sorted() where Self.version(fromName: name) != nil { add(directory + "/" + name) }
        }
        let llvms = (try? files.contentsOfDirectory(atPath: libraryRoot)) ?? []
        for name in llvms.sorted() where name.hasPrefix("llvm-") && Int(name.dropFirst(5)) != nil {
            add("\(libraryRoot)/\(name)/bin/llvm-symbolizer")
        }
        if let swift = PathLookup.executable("swift", environment: environment) {
            let toolchain = URL(fileURLWithPath: swift).resolvingSymlinksInPath().deletingLastPathComponent()
            add(toolchain.appendingPathComponent("llvm-symbolizer").path)
        }
        return found
    }

    /// `llvm-symbolizer-NN`'s NN.
    static func version(fromName name: String) -> Version? {
        guard name.hasPrefix("llvm-symbolizer-"), let major = Int(name.dropFirst(16)) else { return nil }
        return [major]
    }

    /// NN of `llvm-symbolizer-NN` or of a `llvm-NN` directory on the resolved path.
    static func version(fromPath path: String) -> Version? {
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        if let named = version(fromName: real.lastPathComponent) { return named }
        for part in real.pathComponents.reversed() where part.hasPrefix("llvm-") {
            if let major = Int(part.dropFirst(5)) { return [major] }
        }
        return nil
    }

    /// The version `--version` prints ("LLVM version 21.0.0"), bounded as a
    /// symbolizer run is: a PATH directory is not to be trusted to answer.
    static func version(reportedBy path: String) -> Version? {
        let helper = BoundedProcess(
            executable: path, arguments: ["--version"], environment: nil, deadline: .seconds(2), maximumOutput: 4096)
        guard let (output, status) = helper.run(), status == 0 else { return nil }
        return version(inVersionText: String(decoding: output, as: UTF8.self))
    }

    static func version(inVersionText text: String) -> Version? {
        guard let range = text.range(of: "LLVM version ") else { return nil }
        let number = text[range.upperBound...].prefix { $0.isNumber || $0 == "." }
        let parts = number.split(separator: ".").compactMap { Int($0) }
        return parts.isEmpty ? nil : parts
    }
}
