/// `--color auto|always|never`, as ls and grep take it. `auto` colors only a
/// terminal, and never when `NO_COLOR` is set to anything but the empty
/// string (no-color.org) or `TERM` is `dumb`; an explicit `always` wins over
/// both, as the user asked for it on this very command line.
public enum ColorChoice: String, Sendable, CaseIterable {
    case auto, always, never

    public func style(environment: [String: String], standardOutputIsTerminal: Bool) -> TerminalStyle {
        switch self {
        case .always: return .color
        case .never: return .plain
        case .auto:
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .plain }
            if environment["TERM"] == "dumb" { return .plain }
            return standardOutputIsTerminal ? .color : .plain
        }
    }
}
