/// Leaves every frame as module+offset.
public struct NoSymbolizer: Symbolizer {
    public init() {}
    public func symbolize(_ frames: [BacktraceFrame]) -> [FrameKey: String] { [:] }
    public var name: String { "none found: frames are addresses" }
}
