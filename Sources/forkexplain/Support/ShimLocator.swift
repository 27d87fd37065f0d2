import Foundation

/// Finds the shim where `make` and `make install` put it: next to this
/// executable, or in `../lib/` (docs/design.md "Layout"); the musl build
/// (docs/libc-facts.md §5) the same way.
enum ShimLocator {
    static let fileName = "libforkexplain.so"
    static let muslFileName = "libforkexplain-musl.so"

    static func locate(musl: Bool = false) throws -> String {
        let fileName = musl ? muslFileName : fileName
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
                "cannot find \(fileName) in \(candidates.joined(separator: " or ")): build it with `make\(musl ? " musl-shim" : "")` (or install with `make install`)"
        )
    }

    /// The environment a child needs to run under the shim: the shim first
    /// in LD_PRELOAD (space-separated, as ld.so(8) documents), the log set.
    /// Entries are bytes, passed on unchanged (see `RawStrings`).
    static func environment(shim: String, log: String, base: [[UInt8]]) -> [[UInt8]] {
        var preload = Array(shim.utf8)
        if let existing = RawStrings.value(of: "LD_PRELOAD", in: base), !existing.isEmpty {
            preload += [UInt8(ascii: " ")] + existing
        }
        let environment = RawStrings.setting("LD_PRELOAD", to: preload, in: base)
        return RawStrings.setting("FORKEXPLAIN_LOG", to: Array(log.utf8), in: environment)
    }
}
