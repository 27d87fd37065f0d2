import Foundation

/// Symbolizes with `llvm-symbolizer` when it is on PATH: one process per
/// report, fed `"MODULE" OFFSET` lines, for frames whose module exists here.
public struct LLVMSymbolizer: Symbolizer {
    var executable: String
    /// Keeps the input within a pipe's buffer (see `run`).
    static let maximumFrames = 256

    /// Nil when llvm-symbolizer is not on PATH.
    public init?(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let directories = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard
            let found = directories.lazy.map({ "\($0)/llvm-symbolizer" }).first(where: {
                FileManager.default.isExecutableFile(atPath: $0)
            })
        else { return nil }
        executable = found
    }

    public func symbolize(_ frames: [BacktraceFrame]) -> [FrameKey: String] {
        var keys: [FrameKey] = []
        for frame in frames where keys.count < Self.maximumFrames {
            guard let key = FrameKey(frame), !keys.contains(key),
                FileManager.default.fileExists(atPath: key.module)
            else { continue }
            keys.append(key)
        }
        guard !keys.isEmpty, let output = run(input: keys.map { "\"\($0.module)\" \($0.offset)\n" }.joined())
        else { return [:] }

        // One block per input line, blocks separated by an empty line; the
        // first line of a block is the (innermost inlined) function.
        let blocks = output.components(separatedBy: "\n\n")
        var symbols: [FrameKey: String] = [:]
        for (key, block) in zip(keys, blocks) {
            let name = block.split(separator: "\n").first.map(String.init) ?? ""
            if !name.isEmpty, name != "??" { symbols[key] = name }
        }
        return symbols
    }

    private func run(input: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--demangle", "--functions=linkage", "--inlining=false"]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        // The input is at most 256 short lines, well within a pipe's buffer, so
        // writing it all before reading cannot deadlock.
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try? stdin.fileHandleForWriting.close()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
