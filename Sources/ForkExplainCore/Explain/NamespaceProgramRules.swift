/// Programs whose message is a refused user namespace: ENOSPC there is the
/// count limit `user.max_user_namespaces` of the creator's namespace or an
/// ancestor's, or the nesting depth, never a disk and rarely PID numbers
/// (docs/kernel-facts.md §11.68 to §11.70). Part of `ProgramCatalog`.
enum NamespaceProgramRules {
    /// The shim interposes the C library's fork, clone and spawns: these
    /// programs make namespaces with unshare(2) or a raw clone system call.
    static let unseen =
        "`forkexplain run` cannot tell which: the shim does not see unshare(2) or a raw clone system call, which is how this program makes namespaces. The checks above, run where it ran (as its user, on its node), do."

    static let rules: [ProgramRule] = [
        ProgramRule(
            program: "RootlessKit (rootless Docker, rootless containerd, k3s --rootless)",
            anyOf: ["failed to start the child: fork/exec /proc/self/exe"], kind: .process,
            note:
                "RootlessKit starts its child with Go's os/exec and Cloneflags CLONE_NEWUSER (and mount, network, PID namespaces): that child is the user namespace every rootless container lives in. ENOSPC is `user.max_user_namespaces`: 0 where user namespaces are turned off (some images and hardening profiles ship it so; the RHEL 9 STIG asks for it). Docker's rootless guide asks for 28633: `sysctl -w user.max_user_namespaces=28633` as root, and the same in a file under /etc/sysctl.d so that it outlives a reboot (§11.71).",
            firstCauses: ["userns_count"], unrecorded: unseen
        ),
        ProgramRule(
            program: "bubblewrap (bwrap)", anyOf: ["bwrap: creating new namespace failed", "bwrap: unshare user ns"],
            kind: .process,
            note:
                "bwrap creates its sandbox's namespaces with clone (or unshare for --userns2). ENOSPC is a namespace count: a bwrap inside another sandbox is refused when the outer one was started with `--disable-userns` (Flatpak passes it, and bwrap 0.8+ sets `user.max_user_namespaces` to 1 in the sandbox's first namespace, which its second one uses up). Inside such a sandbox /proc/sys/user/max_user_namespaces shows its own namespace's 2147483647, not the 1 that binds (§11.68). Run the nested tool outside the sandbox (Flatpak: `flatpak-spawn --host`, or a portal's subsandbox) or start the outer bwrap without `--disable-userns`.",
            firstCauses: ["userns_count"], unrecorded: unseen
        ),
        ProgramRule(
            program: "enroot (pyxis, Slurm)", anyOf: ["enroot-nsenter: failed to create user namespace"],
            kind: .process,
            note:
                "enroot starts every container in a user namespace of the job's user. ENOSPC is `user.max_user_namespaces` on the compute node: 0 where it is turned off (a hardening profile such as the RHEL 9 STIG), or a small number filled by namespaces still held by the user's leftover processes of earlier steps (`lsns -t user` lists them). enroot's requirements ask for a value above the containers a node runs at once; set it in /etc/sysctl.d on every node, then `sysctl --system` (§11.69).",
            firstCauses: ["userns_count"], unrecorded: unseen
        ),
        ProgramRule(
            program: "LXC", anyOf: ["failed to unshare new user namespace"], kind: .process,
            note:
                "lxc-attach and lxc-start create a user namespace for an unprivileged container's mapping (userns_exec_*). ENOSPC is root's count of user namespaces on the host reaching `user.max_user_namespaces`: namespaces that other programs create and never free (a leak) fill it over time, so it starts failing after hours with no change. `lsns -t user` shows who holds them (§11.70).",
            ruledOut: ["pid_max_enospc"], firstCauses: ["userns_count"], unrecorded: unseen
        ),
        ProgramRule(
            program: "unshare (util-linux)", anyOf: [], lineStarts: ["unshare: unshare failed"], kind: .process,
            note:
                "unshare(1) calls unshare(2), which creates namespaces but no process: no PID is allocated, so pid_max is not the cause. ENOSPC is a namespace count (`user.max_*_namespaces` here or in an ancestor namespace) or nesting deeper than 32.",
            ruledOut: ["pid_max_enospc"], firstCauses: ["userns_count"], unrecorded: unseen
        ),
    ]
}
