import ArgumentParser
import ForkExplainCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where `explain` reads its message: the words given, all of them, dashes
/// and all (a pasted `-bash: fork: ...` is not an option); or standard
/// input for `-`, or for no words when standard input is not a terminal.
enum MessageInput {
    /// A pasted log is small; a runaway pipe is not read past this.
    static let limit = 16 << 20

    static func read(words: [String]) throws -> String {
        // `explain -- -bash: ...` is the usual way to pass a dash; the
        // `--` is not part of the message.
        let words = words.first == "--" ? Array(words.dropFirst()) : words
        // The passthrough capture takes the help flags too; alone they still ask for help.
        if words == ["-h"] || words == ["--help"] { throw CleanExit.helpRequest(ExplainCommand.self) }
        if words == [LogSource.standardInput] || (words.isEmpty && isatty(STDIN_FILENO) == 0) {
            let data = FileHandle.standardInput.readData(ofLength: limit)
            let text = String(decoding: data, as: UTF8.self)
            guard !text.allSatisfy(\.isWhitespace) else {
                throw CommandFailure(message: "nothing to explain: standard input was empty")
            }
            return text
        }
        guard !words.isEmpty else {
            throw CommandFailure(
                message:
                    "nothing to explain: give the error message (`forkexplain explain 'fork: Cannot allocate memory'`), or pipe a log into it (`dmesg | forkexplain explain`)"
            )
        }
        let text = words.joined(separator: " ")
        // `explain "$MSG"` with MSG unset: every cause of every errno would
        // read as an answer to a message nobody gave.
        guard !text.allSatisfy(\.isWhitespace) else {
            throw CommandFailure(
                message:
                    "nothing to explain: the message given is empty; give the error message as the program printed it (`forkexplain explain 'fork: Cannot allocate memory'`)"
            )
        }
        return text
    }
}
