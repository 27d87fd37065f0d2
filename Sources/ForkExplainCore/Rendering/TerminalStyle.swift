/// SGR colors for the text report on a terminal. Applied after log strings
/// are escaped (ControlEscaping), so the only escape sequences in the output
/// are these.
public struct TerminalStyle: Sendable {
    var enabled: Bool

    public static let plain = TerminalStyle(enabled: false)
    public static let color = TerminalStyle(enabled: true)

    func bold(_ text: String) -> String { sgr("1", text) }
    func dim(_ text: String) -> String { sgr("2", text) }

    /// Red for exhaustion of memory or PIDs, yellow for a denial by a
    /// limit, magenta where no rule matched.
    func verdict(_ text: String, family: VerdictFamily) -> String {
        switch family {
        case .oom, .pidExhaustion: sgr("1;31", text)
        case .denial: sgr("1;33", text)
        case .unexplained: sgr("1;35", text)
        }
    }

    private func sgr(_ code: String, _ text: String) -> String {
        enabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
