import Foundation

/// Finds `libforkexplain.so` where `make` and `make install` put it: next to
/// this executable, or in `../lib/` (DESIGN.md "Layout").
enum ShimLocator {
    static let fileName = "libforkexplain.so"

    static func locate() throws -> String {
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        let directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
        let candidates = [
            directory.appendingPathComponent(fileName).path,
            directory.deletingLastPathComponent().appendingPathComponent("lib").appendingPathComponent(fileName).path,
        ]
        if let found = candidates.first(where: FileManager.default.isReadableFile(atPath:)) {
            return found
        }
        throw CommandFailure(
            message:
                "cannot find \(fileName) in \(candidates.joined(separator: " or ")): build it with `make` (or install with `make install`)"
        )
    }

    /// The environment a child needs to run under the shim: the shim first
    /// in LD_PRELOAD (space-separated, as ld.so(8) documents), the log set.
    static func environment(shim: String, log: String, base: [String: String]) -> [String: String] {
        var environment = base
        if let existing = base["LD_PRELOAD"], !existing.isEmpty {
            environment["LD_PRELOAD"] = "\(shim) \(existing)"
        } else {
            environment["LD_PRELOAD"] = shim
        }
        environment["FORKEXPLAIN_LOG"] = log
        return environment
    }
}
