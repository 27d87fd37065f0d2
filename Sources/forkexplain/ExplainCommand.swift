import ArgumentParser
import ForkExplainCore

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "List the possible causes of an error message, and how to check each.",
        discussion: """
            Works from the text alone, with no log: for when the failure is over, or \
            the program cannot run under the shim (static binaries, Go).

            Examples:
              forkexplain explain 'fork: retry: Resource temporarily unavailable'
              forkexplain explain 'Cannot run program "git": error=12, Cannot allocate memory'
              forkexplain explain 'java.lang.OutOfMemoryError: unable to create native thread'
              forkexplain explain EAGAIN
              forkexplain explain 12
            """
    )

    @Argument(help: ArgumentHelp("The error message, an errno name or an errno number.", valueName: "message"))
    var message: [String]

    func run() throws {
        StandardOutput.write(
            ExplanationRenderer().render(Explainer.explain(message.joined(separator: " "))),
            failureStatus: CommandFailure.usageStatus)
    }
}
