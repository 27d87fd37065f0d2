import ArgumentParser
import ForkExplainCore

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "List the possible causes of an error message, and how to check each.",
        discussion: """
            Works from the text alone, with no log: for when the failure is over, or \
            the program cannot run under the shim (static binaries, Go). The message \
            may begin with a dash (`-bash: fork: ...`); with `-`, or with no message \
            and standard input not a terminal, it reads a pasted log excerpt there \
            and uses the lines that name a failure.

            Options come before the message: every word from the message on is \
            the message's. --format markdown is for a ticket or a chat; --format \
            json is one object for scripts and bots (docs/design.md, "explain \
            --format json").

            Examples:
              forkexplain explain -bash: fork: retry: No child processes
              forkexplain explain 'error=12, Cannot allocate memory'
              forkexplain explain 'OutOfMemoryError: unable to create native thread'
              dmesg | forkexplain explain
              journalctl -u myapp --since -1h | forkexplain explain -
              forkexplain explain EAGAIN
              forkexplain explain 12
              forkexplain explain --format markdown 'fork: Cannot allocate memory'
              forkexplain explain --format json -bash: fork: retry: No child processes
            """
    )

    // Declared before the message: options are read only before it, since
    // every word from the message on is the message's (`-bash: fork: ...`).
    @Option(help: "Output format: text, markdown (for a ticket or a chat) or json (for machines).")
    var format: ReportFormat = .text

    @Argument(
        parsing: .captureForPassthrough,
        help: ArgumentHelp(
            "The error message (all remaining words, dashes included), an errno name or number, or - for standard input.",
            valueName: "message"))
    var message: [String] = []

    func run() throws {
        let text = try MessageInput.read(words: message)
        StandardOutput.write(
            try format.render(Explainer.explain(text)), failureStatus: CommandFailure.usageStatus)
    }
}
