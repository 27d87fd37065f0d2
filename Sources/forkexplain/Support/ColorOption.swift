import ArgumentParser
import ForkExplainCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension ColorChoice: ExpressibleByArgument {
    /// The style for what this process writes to its standard output.
    func styleForStandardOutput() -> TerminalStyle {
        style(environment: ProcessInfo.processInfo.environment, standardOutputIsTerminal: isatty(STDOUT_FILENO) == 1)
    }
}
