import Foundation

/// Where a helper program is, as a shell would find it on PATH.
enum PathLookup {
    static func executable(_ name: String, environment: [String: String]) -> String? {
        let directories = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return directories.lazy.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
