import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Symbolizes with `llvm-symbolizer` when one is installed (the newest,
/// or `FORKEXPLAIN_SYMBOLIZER`: `SymbolizerChoice`): one process per
/// report, fed `"MODULE" OFFSET` lines, for frames whose module is here and
/// is what the log says it is (`VerifiedModule`); when it is not (absent, or
/// another build) and `DEBUGINFOD_URLS` is set, for the module fetched by
/// its build-id (`DebuginfodClient`). The run is bounded: its requests come
/// from a file, not a pipe, so writing cannot deadlock with reading; its
/// output is read up to `maximumOutput`; and it is killed at `deadline`.
/// Whatever it does not answer stays module+offset.
public struct LLVMSymbolizer: Symbolizer {
    var executable: String
    /// What ran, as the report says it (`SymbolizerChoice.name`).
    public let name: String
    static let maximumFrames = 256
    static let maximumOutput = 1 << 20
    var deadline: Duration = .seconds(10)
    var debuginfod: DebuginfodClient?
    /// The report's environment without `DEBUGINFOD_URLS`: symbolizers of
    /// LLVM 15 on would fetch on their own, unbounded; `DebuginfodClient`
    /// fetches, bounded, and the symbolizer reads what it fetched.
    var childEnvironment: [String: String]?

    /// Nil when no llvm-symbolizer is installed, or the override names none.
    public init?(environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard let found = SymbolizerChoice(environment: environment).chosen() else { return nil }
        executable = found.path
        name = SymbolizerChoice.name(path: found.path, version: found.version, named: found.named)
        debuginfod = DebuginfodClient(environment: environment)
        if environment["DEBUGINFOD_URLS"] != nil {
            childEnvironment = environment.filter { $0.key != "DEBUGINFOD_URLS" }
        }
    }

    init(executable: String, deadline: Duration) {
        self.executable = executable
        self.deadline = deadline
        name = executable
    }

    public func symbolize(_ frames: [BacktraceFrame]) -> [FrameKey: String] {
        var modules: [String: VerifiedModule?] = [:]
        var fetched: [String: VerifiedModule?] = [:]
        let fetchEnd = ContinuousClock.now + DebuginfodClient.budget
        var keys: [FrameKey] = []
        var requests = ""
        for frame in frames where keys.count < Self.maximumFrames {
            guard let key = FrameKey(frame), !keys.contains(key) else { continue }
            let identity = "\(key.module)\u{0}\(key.buildId ?? "")"
            if modules[identity] == nil {
                let local = VerifiedModule(path: key.module, buildID: key.buildId)
                modules[identity] = .some(local ?? fromDebuginfod(key.buildId, until: fetchEnd, fetched: &fetched))
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
            if !name.isEmpty, name != "??" { symbols[key] = DemangledName.canonical(name) }
        }
        return symbols
    }

    /// The module of `buildID` from debuginfod, checked as a local one is;
    /// each build-id is asked for once per report, and none after `end`.
    private func fromDebuginfod(
        _ buildID: String?, until end: ContinuousClock.Instant, fetched: inout [String: VerifiedModule?]
    ) -> VerifiedModule? {
        guard var debuginfod, let buildID = buildID?.lowercased() else { return nil }
        if let known = fetched[buildID] { return known }
        let left = ContinuousClock.now.duration(to: end)
        guard left > .zero, fetched.count < DebuginfodClient.maximumFetches else { return nil }
        debuginfod.deadline = min(debuginfod.deadline, left)
        let module = debuginfod.fetch(buildID: buildID).flatMap { VerifiedModule(path: $0, buildID: buildID) }
        fetched[buildID] = .some(module)
        return module
    }

    /// The symbolizer's output for `input`, bounded in size and time; nil
    /// when it could not be started.
    func run(input: String) -> String? {
        guard let requests = Self.requestFile(input) else { return nil }
        defer { try? requests.close() }
        let helper = BoundedProcess(
            executable: executable, arguments: ["--demangle", "--functions=linkage", "--inlining=false"],
            environment: childEnvironment, deadline: deadline, maximumOutput: Self.maximumOutput)
        guard let (output, _) = helper.run(input: requests) else { return nil }
        return String(decoding: output, as: UTF8.self)
    }

    /// memfd_create(2) with MFD_CLOEXEC (the symbolizer gets it as its
    /// standard input, a dup2 that clears the flag), -1 where it is not
    /// there; looked up, as Swift's Glibc module declares it only under
    /// _GNU_SOURCE.
    private static func anonymousFile(_ name: String) -> Int32 {
        typealias MemfdCreate = @convention(c) (UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(nil, "memfd_create") else { return -1 }
        let create = unsafeBitCast(symbol, to: MemfdCreate.self)
        return create(name, 1)  // MFD_CLOEXEC
    }

    /// The requests in an anonymous file (memfd_create(2)), positioned at
    /// its start; an unlinked one in $TMPDIR only where that is refused (a
    /// kernel or seccomp filter without it). $TMPDIR full, missing or
    /// read-only made no file, and every frame of the report went out
    /// without its function, with status 0 (scenario 251).
    static func requestFile(_ input: String) -> FileHandle? {
        var descriptor = anonymousFile("forkexplain-symbols")
        if descriptor < 0 {
            var template = Array((NSTemporaryDirectory() + "/forkexplain-symbols-XXXXXX").utf8CString)
            descriptor = template.withUnsafeMutableBufferPointer { $0.baseAddress.map { mkstemp($0) } ?? -1 }
            guard descriptor >= 0 else { return nil }
            template.withUnsafeBufferPointer { _ = $0.baseAddress.map { unlink($0) } }
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        guard (try? handle.write(contentsOf: Data(input.utf8))) != nil, lseek(descriptor, 0, SEEK_SET) == 0
        else { return nil }
        return handle
    }
}
