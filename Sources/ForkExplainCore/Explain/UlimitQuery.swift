/// A pasted shell session's `$ ulimit -u` and what it printed: the soft
/// RLIMIT_NPROC in force for that shell, alone on the line after the
/// command (bash and dash print the soft limit unless `-H` is given).
/// Only the very next line is its output: a line that is another prompt
/// or any other text means the number below belongs to something else.
enum UlimitQuery {
    static func soft(in lower: String) -> String? {
        // `\r\n` is one Character: split on every kind of line end.
        let lines = lower.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, line) in lines.enumerated() where index + 1 < lines.count && asksSoftNPROC(line) {
            let output = lines[index + 1].trimmingCharacters(in: .whitespacesAndNewlines)
            guard output == "unlimited" || (!output.isEmpty && output.allSatisfy { $0.isASCII && $0.isNumber })
            else { continue }
            return PrintedNPROC.number(at: Substring(output))
        }
        return nil
    }

    /// `$ ulimit -u`, `[root@h ~]# ulimit -Su`: a prompt (or nothing)
    /// before it, and flags that ask for the soft process limit alone. A
    /// value after them sets it instead; `-H` asks for the hard limit,
    /// which is not the one in force.
    private static func asksSoftNPROC(_ line: Substring) -> Bool {
        guard let command = line.range(of: "ulimit ") else { return false }
        let before = line[..<command.lowerBound].trimmingCharacters(in: .whitespaces)
        guard before.isEmpty || ["$", "#", ">", "%"].contains(where: before.hasSuffix) else { return false }
        let words = line[command.upperBound...].split(whereSeparator: \.isWhitespace)
        guard !words.isEmpty, words.allSatisfy({ $0.hasPrefix("-") && $0.count > 1 }) else { return false }
        let letters = Set(words.flatMap { $0.dropFirst() })
        return letters.contains("u") && letters.isSubset(of: ["u", "s"])
    }
}
