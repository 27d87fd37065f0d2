import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Symbolizes with `llvm-symbolizer` when it is on PATH: one process per
/// report, fed `"MODULE" OFFSET` lines, for frames whose module is here and
/// is what the log says it is (`VerifiedModule`). The run is bounded: its
/// requests come from a file, not a pipe, so writing cannot deadlock with
/// reading; its output is read up to `maximumOutput`; and it is killed at
/// `deadline`. Whatever it does not answer stays module+offset.
public struct LLVMSymbolizer: Symbolizer {
    var executable: String
    static let maximumFrames = 256
    static let maximumOutput = 1 << 20
    var deadline: Duration = .seconds(10)

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

    init(executable: String, deadline: Duration) {
        self.executable = executable
        self.deadline = deadline
    }

    public func symbolize(_ frames: [BacktraceFrame]) -> [FrameKey: String] {
        var modules: [String: VerifiedModule?] = [:]
        var keys: [FrameKey] = []
        var requests = ""
        for frame in frames where keys.count < Self.maximumFrames {
            guard let key = FrameKey(frame), !keys.contains(key) else { continue }
            let identity = "\(key.module)\u{0}\(key.buildId ?? "")"
            if modules[identity] == nil {
                modules[identity] = .some(VerifiedModule(path: key.module, buildID: key.buildId))
            }
            guard let module = modules[identity] ?? nil, let offset = module.validOffset(key.offset) else { continue }
            keys.append(key)
            requests += "\"\(module.procPath)\" 0x\(String(offset, radix: 16))\n"
        }
        guard !keys.isEmpty, let output = run(input: requests) else { return [:] }
        // The descriptors stay open until here: the symbolizer reads through them.
        withExtendedLifetime(modules) {}

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

    /// The symbolizer's output for `input`, bounded in size and time; nil
    /// when it could not be started.
    func run(input: String) -> String? {
        guard let requests = Self.requestFile(input) else { return nil }
        defer { try? requests.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--demangle", "--functions=linkage", "--inlining=false"]
        let stdout = Pipe()
        process.standardInput = requests
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let output = Self.read(stdout.fileHandleForReading.fileDescriptor, until: .now + deadline)
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self)
    }

    /// The requests in an unlinked temporary file, positioned at its start.
    private static func requestFile(_ input: String) -> FileHandle? {
        var template = Array((NSTemporaryDirectory() + "/forkexplain-symbols-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { $0.baseAddress.map { mkstemp($0) } ?? -1 }
        guard descriptor >= 0 else { return nil }
        template.withUnsafeBufferPointer { _ = $0.baseAddress.map { unlink($0) } }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        guard (try? handle.write(contentsOf: Data(input.utf8))) != nil, lseek(descriptor, 0, SEEK_SET) == 0
        else { return nil }
        return handle
    }

    /// Reads `descriptor` to its end, to `maximumOutput`, or to `end`.
    private static func read(_ descriptor: Int32, until end: ContinuousClock.Instant) -> [UInt8] {
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while output.count < maximumOutput {
            let left = ContinuousClock.now.duration(to: end)
            guard left > .zero else { break }
            let (seconds, attoseconds) = left.components
            let milliseconds = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, milliseconds)
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { break }
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            output += chunk.prefix(min(count, maximumOutput - output.count))
        }
        return output
    }
}
