/// `userns_count` and `namespace_count`: ENOSPC from a clone that creates
/// namespaces. docs/kernel-facts.md §11.68 and §11.77: copy_creds() makes
/// the user namespace (kernel/user_namespace.c create_user_ns()), charging
/// it to the creator's uid in its namespace and in every ancestor
/// (kernel/ucount.c inc_ucount()); the other namespaces are charged the same
/// way in copy_namespaces(), and a PID namespace also fails past 32 levels
/// (kernel/pid_namespace.c create_pid_namespace()). Every one of them says
/// ENOSPC; the PID space never does on this path.
struct NamespaceCountRule: ClassificationRule {
    func evaluate(_ context: FailureContext) -> Verdict? {
        guard context.errno == "ENOSPC", let flags = context.record.call?.cloneFlags else { return nil }
        let present = NamespaceFlag.present(in: flags)
        guard let first = present.first else { return nil }
        let reading = NamespaceLimitReading(context)
        let flagLine =
            "clone flags 0x\(String(flags, radix: 16)) (call.clone_flags) create \(present.map(\.flag).joined(separator: ", ")): each new namespace is charged to the creator's uid in its user namespace and in every ancestor, and ENOSPC is the answer when any level's count is full (kernel/ucount.c inc_ucount(), docs/kernel-facts.md §11.77)"
        if first == .user {
            return userVerdict(context, flagLine: flagLine, reading: reading, others: present.dropFirst())
        }
        return otherVerdict(context, flagLine: flagLine, reading: reading, present: present)
    }

    private func userVerdict(
        _ context: FailureContext, flagLine: String, reading: NamespaceLimitReading, others: ArraySlice<NamespaceFlag>
    ) -> Verdict {
        var evidence = [flagLine]
        evidence.append(contentsOf: reading.lines(for: .user, value: context.pid.maxUserNamespaces))
        if !others.isEmpty {
            evidence.append(
                "the user namespace is made first (copy_creds() before copy_namespaces()); with it made, \(others.map { "user.\($0.sysctl)" }.joined(separator: ", ")) of the ancestors could refuse next with the same ENOSPC"
            )
        }
        let zero = reading.own && context.pid.maxUserNamespaces == 0
        return Verdict(
            id: .usernsCount,
            confidence: zero ? .high : .medium,
            summary: zero ? "user namespaces turned off (user.max_user_namespaces = 0)" : "user namespace count full",
            bindingLimit: BindingLimit(
                key: "max_user_namespaces:\(reading.processNs.map(String.init) ?? "?")",
                name: "user.max_user_namespaces (user:[\(reading.processNs.map(String.init) ?? "?")] or an ancestor)"),
            kernelRule:
                "kernel/user_namespace.c create_user_ns(): inc_user_namespaces() over the limit at some level, or nesting past 32 → -ENOSPC",
            misleadingNote:
                "ENOSPC (\"No space left on device\") is not about disks, nor about PIDs: a user namespace count (user.max_user_namespaces) is full or 0.",
            evidence: evidence,
            advice: [
                "Find what holds namespaces: `lsns -t user -o NS,USER,NPROCS,COMMAND` (run it in the namespace whose limit binds); end the leaked holders. A namespace is uncounted by a kernel work item shortly after its last holder is gone, not at the holder's exit (§11.68).",
                "Raise the limit where it binds: on the host `sysctl -w user.max_user_namespaces=N` and a file in /etc/sysctl.d (0 turns user namespaces off: RHEL 7's default, Talos's machine config); in a nested namespace write /proc/sys/user/max_user_namespaces as that namespace's root, or in the ancestor namespace that set it.",
                "In a sandbox (bwrap --disable-userns, Flatpak, a container whose runtime lowered it) the limit is the sandbox's own setting: start the tool outside the sandbox, or the sandbox without that option.",
            ]
        )
    }

    private func otherVerdict(
        _ context: FailureContext, flagLine: String, reading: NamespaceLimitReading, present: [NamespaceFlag]
    ) -> Verdict {
        var evidence = [flagLine]
        let names = present.map { "user.\($0.sysctl)" }.joined(separator: ", ")
        var summary = "namespace count full (\(names))"
        if present.contains(.pid) {
            evidence.append(contentsOf: reading.lines(for: .pid, value: context.pid.maxPidNamespaces))
            if let depth = context.pid.nspid?.count {
                let nested = depth >= 32
                evidence.append(
                    "the process sits at PID namespace level \(depth - 1) (\(depth) entries in NSpid, /proc/self/status): \(nested ? "a new one would pass the 32 levels create_pid_namespace() allows, which is this ENOSPC" : "well under the 32 levels create_pid_namespace() allows, so the count, not the depth, refused")"
                )
                if nested { summary = "PID namespace nesting past 32 levels" }
            }
        }
        return Verdict(
            id: .namespaceCount,
            confidence: .medium,
            summary: summary,
            bindingLimit: BindingLimit(key: "namespace_count:\(names)", name: names),
            kernelRule:
                "copy_namespaces(): inc_ucount() over a user.max_*_namespaces limit at some level (create_pid_namespace(): also nesting past 32) → -ENOSPC",
            misleadingNote:
                "ENOSPC (\"No space left on device\") is not about disks, nor about PIDs: a namespace count is full.",
            evidence: evidence,
            advice: [
                "Find the holders: `lsns -o NS,TYPE,NPROCS,COMMAND` (in the namespace whose limit binds); end the leaked ones.",
                "Raise the limit where it binds: `sysctl -w \(present.map { "user.\($0.sysctl)=N" }.joined(separator: " "))` on the host (and a file in /etc/sysctl.d), or the same files under /proc/sys/user in the namespace, or its ancestor, that set them; a sandbox's own setting is changed in the sandbox's configuration.",
            ]
        )
    }
}
