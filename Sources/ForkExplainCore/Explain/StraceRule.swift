/// What strace's refused calls (StraceCall) say of the failure, as a
/// ProgramRule: the kind of task from CLONE_THREAD, and from the CLONE_NEW*
/// flags whether a namespace count can be the ENOSPC (docs/kernel-facts.md
/// §11.77, §11.140).
enum StraceRule {
    static func rule(for calls: [StraceCall]) -> ProgramRule? {
        guard !calls.isEmpty else { return nil }
        let threads = calls.filter(\.makesThread).count
        let kind: CallKind = threads == calls.count ? .thread : threads == 0 ? .process : .unknown
        var namespaces: [NamespaceFlag] = []
        for flag in calls.flatMap(\.namespaceFlags) where !namespaces.contains(flag) { namespaces.append(flag) }
        let names = calls.map { call in
            call.flags.isEmpty
                ? "\(call.call)() = -1 \(call.errno)" : "\(call.call) with \(call.flags.joined(separator: "|"))"
        }
        var unique: [String] = []
        for name in names where !unique.contains(name) { unique.append(name) }
        let made =
            kind == .thread
            ? "a thread (CLONE_THREAD: pthread_create's call)"
            : kind == .process ? "a process (no CLONE_THREAD)" : "processes and threads"
        var note =
            "strace shows the system call the kernel refused: \(unique.joined(separator: "; ")), which creates \(made)."
        var rule = ProgramRule(program: "strace", anyOf: [], kind: kind)
        if namespaces.isEmpty {
            // Without a CLONE_NEW* flag no namespace is made, so no
            // namespace count nor nesting depth is checked (§11.77).
            rule.ruledOut = ["userns_count", "pidns_nesting"]
            if calls.contains(where: { $0.errno == "ENOSPC" }) {
                note += " No CLONE_NEW* flag: no namespace count can give this ENOSPC."
            }
        } else {
            let counts = namespaces.map { "\($0.flag): user.\($0.sysctl)" }.joined(separator: ", ")
            note +=
                " It makes namespaces, each charged to a count of the creator's user namespace and of every ancestor, whose limit refuses with ENOSPC (docs/kernel-facts.md §11.77): \(counts)."
            rule.firstCauses = ["userns_count"]
            rule.conditions["max_user_namespaces"] =
                "this call's \(namespaces.map(\.flag).joined(separator: "|")): \(counts)"
            if !namespaces.contains(.user), !namespaces.contains(.pid) { rule.ruledOut = ["pidns_nesting"] }
        }
        rule.note = note
        return rule
    }
}
