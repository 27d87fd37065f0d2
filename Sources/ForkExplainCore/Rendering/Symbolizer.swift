/// Turns backtrace frames into function names. Behind a protocol so that
/// reports (and their tests) work without llvm-symbolizer.
public protocol Symbolizer: Sendable {
    /// Names for the frames it could resolve, keyed by `FrameKey`.
    func symbolize(_ frames: [BacktraceFrame]) -> [FrameKey: String]
}

/// A frame's identity for symbolization: its module and offset.
public struct FrameKey: Hashable, Sendable {
    public var module: String
    public var offset: String

    public init?(_ frame: BacktraceFrame) {
        guard let module = frame.module, let offset = frame.offset else { return nil }
        self.module = module
        self.offset = offset
    }
}

/// Leaves every frame as module+offset.
public struct NoSymbolizer: Symbolizer {
    public init() {}
    public func symbolize(_ frames: [BacktraceFrame]) -> [FrameKey: String] { [:] }
}

extension Report {
    /// Symbols for the frames the renderers show: the latest event of each incident.
    public func symbols(using symbolizer: any Symbolizer) -> [FrameKey: String] {
        let frames = incidents.flatMap { $0.latest.record.backtrace ?? [] }
        return frames.isEmpty ? [:] : symbolizer.symbolize(frames)
    }
}
