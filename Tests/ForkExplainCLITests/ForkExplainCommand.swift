import Foundation
import XCTest

/// Runs the built `forkexplain` as a user does, as swift-argument-parser's
/// example tests run their products: the executable beside this test bundle.
struct ForkExplainCommand {
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The product of this build (`swift test` builds it: this target
    /// depends on it), never one found on PATH.
    static func executable(file: StaticString = #filePath, line: UInt = #line) throws -> URL {
        let directory = Bundle.main.bundleURL
        let candidates = [
            directory.appendingPathComponent("forkexplain"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
                .appendingPathComponent("forkexplain"),
        ]
        return try XCTUnwrap(
            candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) },
            "no built forkexplain beside the tests (looked at \(candidates.map(\.path)))", file: file, line: line)
    }

    /// A log of ForkExplainCoreTests' fixtures, read in place.
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ForkExplainCoreTests/Fixtures/\(name)").path
    }

    static func run(_ arguments: String..., file: StaticString = #filePath, line: UInt = #line) throws -> Result {
        try run(arguments, file: file, line: line)
    }

    /// `environment` is added to the fixed one; with `terminal`, standard
    /// output is a pseudo-terminal, as when a person runs it; `input`, when
    /// given, is the command's standard input; `executable`, a copy of this
    /// build placed elsewhere.
    static func run(
        _ arguments: [String], executable copy: URL? = nil, environment: [String: String] = [:],
        terminal: Bool = false, input: Data? = nil, file: StaticString = #filePath, line: UInt = #line
    ) throws -> Result {
        let process = Process()
        let command = try copy ?? executable(file: file, line: line)
        if terminal {
            // util-linux's script(1) runs the command with a pseudo-terminal
            // as its output and copies what it wrote to ours.
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            let line = ([command.path] + arguments).map(shellQuoted).joined(separator: " ")
            process.arguments = ["--quiet", "--return", "--command", line, "/dev/null"]
        } else {
            process.executableURL = command
            process.arguments = arguments
        }
        // llvm-symbolizer, when installed, would only add names to frames.
        process.environment = ["PATH": "/usr/bin:/bin", "FORKEXPLAIN_LOG": "/nonexistent/forkexplain-test.jsonl"]
            .merging(environment) { $1 }
        let output = Pipe()
        let error = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = error
        let feed = Pipe()
        if input != nil { process.standardInput = feed }
        try process.run()
        if let input {
            // Written whole before reading: the inputs here are small.
            feed.fileHandleForWriting.write(input)
            try feed.fileHandleForWriting.close()
        }
        // Outputs here are small; read both to the end before waiting.
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var standardOutput = String(decoding: out, as: UTF8.self)
        // The terminal wrote each newline as CR LF.
        if terminal { standardOutput = standardOutput.replacingOccurrences(of: "\r\n", with: "\n") }
        return Result(
            status: process.terminationStatus, standardOutput: standardOutput,
            standardError: String(decoding: err, as: UTF8.self))
    }

    /// One word for sh -c.
    private static func shellQuoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// A zombie: a shell's child that has exited, under a parent (the shell,
    /// exec'ed into sleep) that never reaps it. `end` kills the parent.
    struct Zombie {
        var pid: Int32
        var parent: Process

        func end() {
            parent.terminate()
            parent.waitUntilExit()
        }
    }

    static func zombie(file: StaticString = #filePath, line: UInt = #line) throws -> Zombie {
        let parent = Process()
        parent.executableURL = URL(fileURLWithPath: "/bin/sh")
        parent.arguments = ["-c", "sleep 0.1 & echo $!; exec sleep 600"]
        let output = Pipe()
        parent.standardOutput = output
        try parent.run()
        var text = ""
        while !text.contains("\n") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        let pid = try XCTUnwrap(Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), file: file, line: line)
        // Until the child has exited: it is then a zombie until the parent ends.
        for _ in 0..<1_000 {
            let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
            if status.contains("State:\tZ") { return Zombie(pid: pid, parent: parent) }
            usleep(10_000)
        }
        parent.terminate()
        XCTFail("process \(pid) never became a zombie", file: file, line: line)
        throw CocoaError(.featureUnsupported)
    }
}
