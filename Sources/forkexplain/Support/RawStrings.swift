#if canImport(Glibc)
    import Glibc
#endif

/// argv and environment entries as the kernel passed them. Swift's
/// `CommandLine.arguments` and `ProcessInfo` replace bytes that are not
/// UTF-8 with U+FFFD; `run` must hand its command the original bytes.
enum RawStrings {
    /// The last `parsed.count` entries of argv: the command `run` captured,
    /// which ends the command line. Each must decode to its parsed form;
    /// if one does not, the parsed strings are used.
    static func argumentsEnding(with parsed: [String]) -> [[UInt8]] {
        let count = Int(CommandLine.argc)
        guard parsed.count <= count else { return parsed.map { Array($0.utf8) } }
        let raw = (count - parsed.count..<count).map { index -> [UInt8] in
            CommandLine.unsafeArgv[index].map { bytes(of: $0) } ?? []
        }
        let matches = zip(raw, parsed).allSatisfy { String(decoding: $0, as: UTF8.self) == $1 }
        return matches ? raw : parsed.map { Array($0.utf8) }
    }

    /// Every `NAME=value` entry of `environ`, duplicates and all.
    static func environment() -> [[UInt8]] {
        var entries: [[UInt8]] = []
        var entry = environ
        while let pointer = entry.pointee {
            entries.append(bytes(of: pointer))
            entry += 1
        }
        return entries
    }

    /// The value getenv(3) would find for `name`: the first entry's.
    static func value(of name: String, in environment: [[UInt8]]) -> [UInt8]? {
        let prefix = Array(name.utf8) + [UInt8(ascii: "=")]
        return environment.first { $0.starts(with: prefix) }.map { Array($0.dropFirst(prefix.count)) }
    }

    /// `environment` with every entry for `name` replaced by one `name=value`.
    static func setting(_ name: String, to value: [UInt8], in environment: [[UInt8]]) -> [[UInt8]] {
        let prefix = Array(name.utf8) + [UInt8(ascii: "=")]
        return environment.filter { !$0.starts(with: prefix) } + [prefix + value]
    }

    private static func bytes(of string: UnsafePointer<CChar>) -> [UInt8] {
        Array(UnsafeBufferPointer(start: string, count: strlen(string))).map { UInt8(bitPattern: $0) }
    }
}
