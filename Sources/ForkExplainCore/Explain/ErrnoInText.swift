/// The errno one line of an error text names, in whichever form its program
/// printed it (docs/kernel-facts.md §10.1 lists the forms).
enum ErrnoInText {
    static func find(in line: String) -> String? {
        let lower = line.lowercased()
        // bash retries a fork only while errno is EAGAIN, whatever the retry
        // line then prints (docs/kernel-facts.md §10.2).
        if lower.contains("fork: retry:") { return "EAGAIN" }
        // ... and its last line says EINTR when a child's exit cut the sleep
        // between retries short: the loop ends and the sleep's errno is printed.
        if lower.contains("fork: interrupted system call") { return "EAGAIN" }
        // Names and texts before numbers: a number means another errno
        // elsewhere (EAGAIN is 35 on macOS), a name or a text does not.
        if let name = named(in: line) { return name }
        if let name = erlangAtom(in: lower) { return name }
        if let name = described(in: lower) { return name }
        if let number = numbered(in: lower) { return ErrnoName.name(for: number) }
        return nil
    }

    /// `EAGAIN`, `spawn ENOMEM`, `nodejs.EAGAINError`; EWOULDBLOCK is
    /// EAGAIN on Linux. A letter just before the name means another word.
    private static func named(in line: String) -> String? {
        let candidates = ErrnoName.table.map { ($0.name, $0.name) } + [("EWOULDBLOCK", "EAGAIN")]
        for (word, name) in candidates {
            var rest = line[...]
            while let range = rest.range(of: word) {
                let before = range.lowerBound == line.startIndex ? nil : line[line.index(before: range.lowerBound)]
                if before.map({ !$0.isLetter }) ?? true { return name }
                rest = rest[range.upperBound...]
            }
        }
        return nil
    }

    /// The Erlang VM's posix atom, lower case inside a term: `{eagain,[...`
    /// from open_port, `{error,enomem}`, or escript's `exception error:
    /// eagain` at a line's end (docs/kernel-facts.md §10.16).
    private static func erlangAtom(in lower: String) -> String? {
        let line = lower.trimmingCharacters(in: .whitespaces)
        for entry in ErrnoName.table {
            let atom = entry.name.lowercased()
            if lower.contains("{" + atom + ",") || lower.contains("," + atom + "}")
                || line.hasSuffix("exception error: " + atom)
            {
                return entry.name
            }
        }
        return nil
    }

    /// strerror's text in any case (Go and zsh lower it), or a glibc
    /// translation seen in a report.
    private static func described(in lower: String) -> String? {
        for entry in ErrnoName.table where lower.contains(entry.message.lowercased()) {
            return entry.name
        }
        return LocalizedStrerror.table.first { lower.contains($0.text) }?.name
    }

    /// The markers programs put before the number. `errno: -11` is Node's
    /// negated errno; `(11: ` is nginx's; `{ code: 11` is Rust's (a bare
    /// `code: 1` is too often an exit status); `error = 11` is the Erlang
    /// VM's, `errno = 11` its inet_gethost's; `pthread_create returned 11`
    /// is InnoDB's; `fork: (12) ` is Squid's xstrerr after its fork;
    /// `fork failed with status: 11` is Oracle's ORA-27300 and `depinfo = 12`
    /// its older skgpspawn line; `pcntl_fork(): Error 11` is PHP's; Ceph's
    /// Thread::try_create says `pthread_create failed with error 11`;
    /// `res == 0 (11 vs. 0)` is glog's CHECK_EQ on a returned errno (§10.16).
    static let markers = [
        "errno=", "errno:", "[errno ", "(errno ", "errno ", "error=", "error code ", "{ code:", "os error ",
        "system errno ", "error = ", "errno = ", "pthread_create returned ", "fork: (", "fork failed with status: ",
        "depinfo = ", "pcntl_fork(): error ", "pthread_create failed with error ", "== 0 (",
    ]

    private static func numbered(in lower: String) -> Int? {
        let trimmed = lower.trimmingCharacters(in: .whitespaces)
        if let bare = Int(trimmed) { return bare }
        for marker in markers {
            var rest = lower[...]
            while let range = rest.range(of: marker) {
                if let number = leadingNumber(lower[range.upperBound...]) { return number }
                rest = rest[range.upperBound...]
            }
        }
        var rest = lower[...]
        while let open = rest.firstIndex(of: "(") {
            let after = lower[lower.index(after: open)...]
            let digits = after.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, after.dropFirst(digits.count).hasPrefix(": "), let number = Int(digits) {
                return number
            }
            rest = after
        }
        return nil
    }

    /// The number at the start of `text`, after blanks and a minus sign.
    private static func leadingNumber(_ text: Substring) -> Int? {
        var rest = text.drop { $0 == " " }
        if rest.hasPrefix("-") { rest = rest.dropFirst() }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard let number = Int(digits), number > 0, number < 4096 else { return nil }
        return number
    }
}
