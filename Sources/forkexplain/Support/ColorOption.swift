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

    /// The same rules for what it writes to standard error: `run`'s report
    /// goes there, beside the program's own output.
    func styleForStandardError() -> TerminalStyle {
        style(environment: ProcessInfo.processInfo.environment, standardOutputIsTerminal: isatty(STDERR_FILENO) == 1)
    }
}
