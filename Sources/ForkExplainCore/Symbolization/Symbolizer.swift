/// Turns backtrace frames into function names. Behind a protocol so that
/// reports (and their tests) work without llvm-symbolizer.
public protocol Symbolizer: Sendable {
    /// Names for the frames it could resolve, keyed by `FrameKey`.
    func symbolize(_ frames: [BacktraceFrame]) -> [FrameKey: String]
}
