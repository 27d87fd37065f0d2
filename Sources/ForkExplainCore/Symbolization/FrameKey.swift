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
}
