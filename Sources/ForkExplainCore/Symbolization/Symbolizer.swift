/// Turns backtrace frames into function names. Behind a protocol so that
/// reports (and their tests) work without llvm-symbolizer.
public protocol Symbolizer: Sendable {
    /// Names for the frames it could resolve, keyed by `FrameKey`.
    func symbolize(_ frames: [BacktraceFrame]) -> [FrameKey: String]
    /// What names the frames, as a report says it for a ticket: the
    /// llvm-symbolizer that runs and its version, or that none does.
    var name: String { get }
}
