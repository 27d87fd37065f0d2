/// `FORKEXPLAIN_LOG` as the shim reads it (docs/log-format.md, "Path"):
/// `%p` the writing process's pid, `%u` its effective uid, `%h` the host
/// name, `%%` a percent sign; any other `%X` stays as written. A name
/// ending in `/` is a per-node directory, where each uid writes
/// `forkexplain-<uid>.jsonl`. The same rules as `CShim/common/logname.c`.
public struct LogNameTemplate: Sendable, Hashable {
    public let template: String

    public init(_ template: String) {
        self.template = template
    }

    /// A per-node directory rather than one file.
    public var isDirectory: Bool { template.hasSuffix("/") }

    /// Whether the name depends on the writing process (`%p`): its children
    /// each write their own file.
    public var variesByProcess: Bool {
        pieces.contains { if case .pid = $0 { return true } else { return false } }
    }

    /// The name for the given values; `pid` nil leaves `%p` unexpanded
    /// (the caller then matches files with `matches`).
    public func expanded(pid: Int32?, uid: UInt32, host: String) -> String {
        pieces.map { piece -> String in
            switch piece {
            case .literal(let text): return text
            case .pid: return pid.map(String.init) ?? "%p"
            case .uid: return String(uid)
            case .host: return Self.safeHost(host)
            }
        }.joined()
    }

    /// Whether `path` is a name this template gives for some pid, with
    /// `uid` and `host` as given.
    public func matches(_ path: String, uid: UInt32, host: String) -> Bool {
        var rest = Substring(path)
        for piece in pieces {
            switch piece {
            case .literal(let text):
                guard rest.hasPrefix(text) else { return false }
                rest = rest.dropFirst(text.count)
            case .uid:
                guard rest.hasPrefix(String(uid)) else { return false }
                rest = rest.dropFirst(String(uid).count)
            case .host:
                let name = Self.safeHost(host)
                guard rest.hasPrefix(name) else { return false }
                rest = rest.dropFirst(name.count)
            case .pid:
                let digits = rest.prefix { $0.isASCII && $0.isNumber }
                guard !digits.isEmpty else { return false }
                rest = rest.dropFirst(digits.count)
            }
        }
        return rest.isEmpty
    }

    /// The host name as `%h` writes it: a `/` becomes `_`, and so does a
    /// leading `.`, so the name never leaves its directory.
    static func safeHost(_ host: String) -> String {
        var out = String(host.map { $0 == "/" ? "_" : $0 })
        if out.hasPrefix(".") { out = "_" + out.dropFirst() }
        return out
    }

    private enum Piece {
        case literal(String), pid, uid, host
    }

    private var pieces: [Piece] {
        var pieces: [Piece] = []
        var literal = ""
        var chars = template.makeIterator()
        while let c = chars.next() {
            guard c == "%" else {
                literal.append(c)
                continue
            }
            guard let next = chars.next() else {
                literal.append("%")
                break
            }
            let piece: Piece? =
                switch next {
                case "p": .pid
                case "u": .uid
                case "h": .host
                default: nil
                }
            guard let piece else {
                literal += next == "%" ? "%" : "%\(next)"
                continue
            }
            if !literal.isEmpty { pieces.append(.literal(literal)) }
            literal = ""
            pieces.append(piece)
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        return pieces
    }
}
