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
