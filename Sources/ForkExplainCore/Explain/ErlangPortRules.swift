/// The Erlang VM's ports: open_port's fork, made by its helper
/// erl_child_setup, and the helper's own start (docs/kernel-facts.md
/// §11.181). Part of `ProgramCatalog`.
enum ErlangPortRules {
    static let rules: [ProgramRule] = [
        // The VM forks erl_child_setup as it boots and does not check the
        // fork's result: a refused fork shows only as the helper's socket
        // closing (sys_drivers.c forker_start, §11.181).
        ProgramRule(
            program: "the Erlang VM (erl_child_setup)",
            anyOf: ["erl_child_setup closed", "to erl_child_setup: ", "from erl_child_setup: "], kind: .process,
            errnosWhenNone: ["ENOMEM", "EAGAIN"],
            note:
                "erl_child_setup is the small helper that forks every port program (open_port, os:cmd) for the Erlang VM; the VM forks and execs it as it boots, and ends with this slogan (and an erl_crash.dump) when the socket to it closes. The boot's fork is not checked (erts/emulator/sys/unix/sys_drivers.c forker_start), so a refused fork shows only as this: at start, it is the VM's own fork refused, by the commit limit (the VM's fork is charged its whole writable memory: \"creating swap space resolved the issue\", esl/MongooseIM#1265) or by a task limit (the VM's schedulers and async threads count in the same pids limit and RLIMIT_NPROC). Later in the VM's life it means the helper died: killed by the OOM killer (dmesg), by SIGHUP when the terminal closed, or by a kill aimed at it; no fork was refused then. `Failed to write to erl_child_setup: 32` is EPIPE, the same helper gone (docs/kernel-facts.md §11.181).",
            firstCauses: ["commit_limit", "cgroup_pids_limit"]
        ),
        // open_port/2 raises the fork's errno as a posix atom: `{eagain,[{erlang,open_port,...`
        // from `erl -eval`, `exception error: eagain` then `in function  open_port/2` from escript.
        ProgramRule(
            program: "the Erlang VM (open_port)", anyOf: ["{erlang,open_port,", "erlang:open_port(", "open_port/2"],
            kind: .process,
            note:
                "open_port({spawn, Command}, ...) (and os:cmd, System.cmd in Elixir) raises the error of starting the port program as a posix atom: eagain is EAGAIN, a refused fork, not non-blocking I/O; enomem is ENOMEM; eacces, enoent are the program's exec. Since OTP 19 the fork is made by erl_child_setup, a small helper, not by the VM, so the VM's size does not matter to it, but its tasks count with the VM's: a scheduler per core, dirty schedulers, the async pool and every port program still running share the pids limit of the VM's cgroup (a container's, the unit's TasksMax=) and the RLIMIT_NPROC of its uid. A workflow engine that starts a port per task (`{spawn,\"bash\"}`) fills it: bound the concurrent ports, or raise the limit (docs/kernel-facts.md §11.181).",
            firstCauses: ["cgroup_pids_limit"]
        ),
    ]
}
