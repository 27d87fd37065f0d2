import ForkExplainCore
import Foundation

/// Finds the shim where `make` and `make install` put it: next to this
/// executable, or in `../lib/` (docs/design.md "Layout"); the musl build
/// (docs/libc-facts.md §5) the same way. A program of another architecture
/// gets that architecture's build, from the folder named for its platform
/// (`aarch64-musl/`) next to this executable, where `make platforms-arm64-musl`
/// puts it, or in `../lib/`, where `make install` does.
enum ShimLocator {
    static let fileName = "libforkexplain.so"
    static let muslFileName = "libforkexplain-musl.so"

    static func locate(musl: Bool = false, machine: ELFMachine? = nil, program: String = "the command") throws
        -> String
    {
        let fileName = musl ? muslFileName : fileName
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        let directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
        if let machine, isForeign(machine), let own = ELFMachine.current {
            return try locateForeign(
                fileName, musl: musl, program: program, machine: machine, own: own, directory: directory)
        }
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

    /// Whether a program of `machine` is another architecture's than this
    /// forkexplain's; unknown is not.
    static func isForeign(_ machine: ELFMachine?) -> Bool {
        guard let machine, let own = ELFMachine.current else { return false }
        return machine != own
    }

    /// The build for another architecture, or a refusal: this machine's
    /// library in that program is ignored by glibc's loader and stops the
    /// program under musl's (docs/libc-facts.md §5), so it is never preloaded.
    private static func locateForeign(
        _ fileName: String, musl: Bool, program: String, machine: ELFMachine, own: ELFMachine, directory: URL
    ) throws -> String {
        let platform = "\(machine.name)-\(musl ? "musl" : "glibc")"
        let candidates = [
            directory.appendingPathComponent(platform).appendingPathComponent(fileName).path,
            directory.deletingLastPathComponent().appendingPathComponent("lib").appendingPathComponent(platform)
                .appendingPathComponent(fileName).path,
        ]
        if let found = candidates.first(where: FileManager.default.isReadableFile(atPath:)) {
            return found
        }
        let target = machine.name == "aarch64" ? (musl ? "platforms-arm64-musl" : "platforms-arm64") : nil
        throw CommandFailure(
            message:
                "\(program) is built for \(machine.name) and this forkexplain runs on \(own.name): it needs the shim built "
                + "for \(platform), which is not in \(candidates.joined(separator: " or ")); not running it, since "
                + "\(own.name)'s library would \(musl ? "stop it under musl's loader" : "be ignored by its loader"). "
                + (target.map { "Build it with `make \($0)`, or run" } ?? "Run")
                + " forkexplain built for \(machine.name)"
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
