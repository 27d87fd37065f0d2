/// An RLIMIT_NPROC soft limit a pasted text sets or shows: a container
/// runtime's setting (OCI `rlimits`, Docker's `Ulimits` or `--ulimit
/// nproc=`), a limits.conf line, `ulimit -a`'s line, or a pasted `$ ulimit
/// -u` and the number it printed on the next line (docs/kernel-facts.md
/// §11.103). Read beside the error, not from it.
enum PrintedNPROC {
    /// The soft value as printed: digits, or "unlimited" (-1 in JSON).
    static func soft(in lower: String) -> String? {
        jsonSoft(after: "\"rlimit_nproc\"", in: lower) ?? jsonSoft(after: "\"nproc\"", in: lower)
            ?? dockerFlag(in: lower) ?? limitsConf(in: lower) ?? ulimitListing(in: lower)
            ?? UlimitQuery.soft(in: lower)
    }

    /// A value no uid's count reaches: unlimited, or past the largest pid_max.
    static func isUnbounded(_ value: String) -> Bool {
        guard let number = Int64(value) else { return true }
        return number < 0 || number >= 4_194_304
    }

    /// A limit a uid's tasks plausibly fill before the host's own limits.
    static func isSmall(_ value: String) -> Bool {
        guard let number = Int64(value) else { return false }
        return number >= 0 && number < 65536
    }

    /// `"type": "RLIMIT_NPROC", "hard": 1024, "soft": 192` and Docker's
    /// `"Name": "nproc", "Hard": 100000, "Soft": 200`: the soft within the entry.
    private static func jsonSoft(after key: String, in lower: String) -> String? {
        guard let start = lower.range(of: key) else { return nil }
        let entry = lower[start.upperBound...].prefix { $0 != "}" }
        guard let soft = entry.range(of: "\"soft\"") else { return nil }
        let value = entry[soft.upperBound...].drop { $0 == ":" || $0 == " " }
        return number(at: value)
    }

    /// `--ulimit nproc=SOFT[:HARD]`.
    private static func dockerFlag(in lower: String) -> String? {
        guard let flag = lower.range(of: "ulimit nproc=") else { return nil }
        return number(at: lower[flag.upperBound...])
    }

    /// `DOMAIN soft nproc N` or `DOMAIN - nproc N` (the hard limit alone is not the one in force).
    private static func limitsConf(in lower: String) -> String? {
        for line in lower.split(whereSeparator: \.isNewline) {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let at = words.firstIndex(of: "nproc"), at >= 2, at + 1 < words.count,
                words[at - 1] == "soft" || words[at - 1] == "-"
            else { continue }
            if let value = number(at: words[at + 1]) { return value }
        }
        return nil
    }

    /// `ulimit -a`'s `max user processes (-u) N`, or a listing's `max user processes N`.
    private static func ulimitListing(in lower: String) -> String? {
        guard let label = lower.range(of: "max user processes") else { return nil }
        var rest = lower[label.upperBound...].drop { $0 == " " || $0 == "\t" }
        if rest.hasPrefix("(-u)") { rest = rest.dropFirst(4).drop { $0 == " " || $0 == "\t" } }
        return number(at: rest)
    }

    static func number(at text: Substring) -> String? {
        if text.hasPrefix("unlimited") || text.hasPrefix("-1") { return "unlimited" }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        return digits.isEmpty ? nil : String(digits)
    }
}
