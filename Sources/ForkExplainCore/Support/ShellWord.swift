/// A path put in a command the reader pastes into a shell: systemd escapes
/// a unit's name in its cgroup (`system-concourse\x2dworker.slice`), and
/// unquoted, bash reads `\x` as `x` and the command misses the directory
/// (docs/kernel-facts.md §11.170). Words of only safe characters stay bare.
enum ShellWord {
    private static let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/_.,:@%+=-")

    static func quoted(_ word: String) -> String {
        if !word.isEmpty, word.allSatisfy({ safe.contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
