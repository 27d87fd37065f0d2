/// Tools whose messages name the failed call but not how many tasks the
/// tool starts: LLVM's thread pools, roslaunch's nodes (docs/kernel-facts.md
/// §11.182). Part of `ProgramCatalog`.
enum ToolProgramRules {
    static let llvm = "LLVM (clang, lld, clang-scan-deps)"

    /// LLVM's crash banner ("PLEASE submit a bug report to
    /// https://github.com/llvm/llvm-project/issues/"), read beside the failure.
    static let contextMarkers = ["llvm-project/issues"]

    static let llvmNote =
        "LLVM's tools start their thread pools with pthread_create and end with `LLVM ERROR: pthread_create failed: STRERROR` when one is refused (report_fatal_error, then the crash backtrace); a pool built on std::thread (lld's) ends instead with `terminate called after throwing an instance of 'std::system_error'`, `what():  Resource temporarily unavailable` and LLVM's \"PLEASE submit a bug report\" banner. The pools size themselves from the cores the host shows (lld's --threads, clang-scan-deps' -j, ThinLTO's jobs), and ninja or make runs one tool per core beside them: on a shared server or in a container, cores × cores threads meet the uid's RLIMIT_NPROC or the pids limit. Lower the build's -j or the tool's threads (`-Wl,--threads=N`, or ld.lld's own `--threads=N`, `-flto-jobs=N`), or raise the limit (docs/kernel-facts.md §11.182)."

    static let rules: [ProgramRule] = [
        // systemd's config_parse_tasks_max() warning: the value was not
        // taken, so the limit it was meant to lift stays (systemd#3833,
        // docs/kernel-facts.md §11.212).
        ProgramRule(
            program: "systemd (a TasksMax value it could not parse)",
            anyOf: ["failed to parse tasks maximum, ignoring"],
            kind: .process, errnosWhenNone: ["EAGAIN"],
            note:
                "systemd could not parse the tasks value on that line and ignored it, so the limit it was meant to raise or lift is still in force: refused forks and threads after it are that limit's. In logind.conf (`UserTasksMax=`) every user's user-UID.slice keeps logind's default (12288 before systemd 232: user-4967.slice's pids.max in systemd#3833); in a unit file (`TasksMax=`) the unit keeps DefaultTasksMax=. logind parses `infinity` and percentages only from systemd 232 (commit f50582649f, the fix of systemd#3833); before it, give a number (the host's pid_max, 4194304 at most), restart systemd-logind and log in again. Check what took: `cat /sys/fs/cgroup/pids/user.slice/user-UID.slice/pids.max` (cgroup v2: /sys/fs/cgroup/user.slice/user-UID.slice/pids.max) or `systemctl show -p TasksMax UNIT` (docs/kernel-facts.md §11.212).",
            firstCauses: ["cgroup_pids_limit"]
        ),
        // llvm/lib/Support/Unix/Threading.inc: ReportErrnumFatal("pthread_create failed", errnum).
        ProgramRule(
            program: llvm, anyOf: ["llvm error: pthread_create failed"], kind: .thread, note: llvmNote,
            firstCauses: ["cgroup_pids_limit"]
        ),
        // A pool built on std::thread (lld's: Debian 12's LLVM 14, the Swift toolchain's 21) throws std::system_error
        // under LLVM's crash banner (Tests/scenarios/277).
        ProgramRule(
            program: llvm, anyOf: ["std::system_error", "thread constructor failed"], allOf: ["llvm-project"],
            kind: .thread, errnosWhenNone: ["EAGAIN"], note: llvmNote, firstCauses: ["cgroup_pids_limit"],
            errnosOnly: ["EAGAIN", "EPERM"]
        ),
        // ros_comm's nodeprocess.py: FatalProcessLaunch("unable to launch [%s]: %s" % (args, e.strerror)).
        ProgramRule(
            program: "roslaunch (ROS)", anyOf: ["unable to launch ["], kind: .process,
            note:
                "roslaunch starts each node with Python's subprocess.Popen and, when that raises OSError, prints `unable to launch [COMMAND]: STRERROR` (ros_comm's nodeprocess.py): \"Resource temporarily unavailable\" is the fork's EAGAIN, a task limit on roslaunch's uid or container, filled by the nodes already running and their threads (docs/kernel-facts.md §11.182).",
            firstCauses: ["cgroup_pids_limit"]
        ),
    ]
}
