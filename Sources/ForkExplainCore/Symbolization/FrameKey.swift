/// A frame's identity for symbolization: its module and offset.
public struct FrameKey: Hashable, Sendable {
    var module: String
    var offset: String
    var buildId: String?

    init?(_ frame: BacktraceFrame) {
        guard let module = frame.module, let offset = frame.offset else { return nil }
        self.module = module
        self.offset = offset
        self.buildId = frame.buildId
    }

    /// The frame as a symbolizer takes it: all it reads is here.
    var frame: BacktraceFrame { BacktraceFrame(module: module, offset: offset, buildId: buildId) }
}
