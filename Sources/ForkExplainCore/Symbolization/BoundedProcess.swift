import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Runs a helper (llvm-symbolizer, debuginfod-find) whose input comes from
/// a log and whose time is the reader's: its output is read up to
/// `maximumOutput` and it is killed at `deadline`. Standard input is a file,
/// never a pipe, so writing requests cannot deadlock with reading answers.
struct BoundedProcess {
    var executable: String
    var arguments: [String]
    /// Nil: this process's own.
    var environment: [String: String]?
    var deadline: Duration
    var maximumOutput: Int

    /// The helper's standard output, cut at the bounds; nil when it could
    /// not be started. `status` is nil when it was killed or did not exit.
    func run(input: FileHandle? = nil) -> (output: [UInt8], status: Int32?)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let stdout = Pipe()
        process.standardInput = input ?? FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let end = ContinuousClock.now + deadline
        let output = Self.read(stdout.fileHandleForReading.fileDescriptor, until: end, maximum: maximumOutput)
        // Its output ends a moment before it exits: wait for that, to the deadline.
        while process.isRunning, ContinuousClock.now < end, output.count < maximumOutput {
            usleep(2_000)
        }
        let killed = process.isRunning
        if killed { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let exited = !killed && process.terminationReason == .exit
        return (output, exited ? process.terminationStatus : nil)
    }

    /// Reads `descriptor` to its end, to `maximum` bytes, or to `end`.
    private static func read(_ descriptor: Int32, until end: ContinuousClock.Instant, maximum: Int) -> [UInt8] {
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while output.count < maximum {
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
            output += chunk.prefix(min(count, maximum - output.count))
        }
        return output
    }
}
