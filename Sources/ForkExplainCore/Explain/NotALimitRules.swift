/// Texts that name a fork, a clone or errno 11, where no Linux task limit
/// refused anything: Cygwin's fork emulation on Windows, Chrome's setuid
/// sandbox refused a clone into namespaces, Python 2's IOError from a read
/// (docs/kernel-facts.md §11.180, §11.182). Part of `ProgramCatalog`, first:
/// a Cygwin log also holds bash's, dash's and zsh's words.
enum NotALimitRules {
    static let rules: [ProgramRule] = [
        // Cygwin's and MSYS2's own lines: `N [main] PROG PID fork: child ...`,
        // `dofork:`, `child_info_fork::abort:`, `child_copy:` (§11.180).
        ProgramRule(
            program: "Cygwin / MSYS2 (on Windows)",
            anyOf: [
                "died waiting for dll loading", "died unexpectedly, retry", "child_info_fork::abort",
                "child_copy: ", "fatal error in forked process", "dll rebasing may be required",
                // mintty's own words, a Cygwin program (wsltty too).
                "error: could not fork child process: ",
                // heap.cc in the forked child; not the bare words, which
                // other programs print for a malloc refused (§11.215).
                "fatal error - couldn't allocate heap", "couldn't allocate heap, win32 error",
            ],
            kind: .process,
            notATask:
                "a fork emulated on Windows (the child started, then could not load the parent's DLLs or copy its memory)",
            note:
                "This is Windows, not Linux: Cygwin (and MSYS2, Git for Windows' bash, MobaXterm, Babun) emulates fork by starting a new Windows process of the same program, which must then load every DLL at the address it has in the parent and copy the parent's data, heap and stack into itself. When a DLL lands elsewhere (`Loaded to different address`), a copy fails (`child_copy: ... Win32 error 299`), Windows refuses the child memory (`VirtualAlloc failed ... Win32 error 1455`, the paging file's commit limit, which a larger paging file or fewer programs fixes), the child cannot reserve the parent's heap at its address (`couldn't allocate heap, Win32 error 487`: ERROR_INVALID_ADDRESS, something already sits there, as for a DLL), or the child dies while loading (`died waiting for dll loading`, `exit code 0xC0000142`, STATUS_DLL_INIT_FAILED), Cygwin returns EAGAIN from fork, and bash, dash and zsh print it as a refused fork (`fork: retry: Resource temporarily unavailable`). No Linux limit applies: ulimit -u, pids.max, pid_max and threads-max do not exist there. What moves the DLLs: address-space randomisation, an antivirus or other software that injects DLLs, a stale rebase database after an update. Close every Cygwin or MSYS2 process and run `rebaseall` (MSYS2: `autorebase.bat`) or `rebase -b`, as the program itself suggests (\"DLL rebasing may be required; see 'rebaseall / rebase --help'\"); exclude the installation from the antivirus; update it (docs/kernel-facts.md §11.180, §11.215)."
        ),
        // sandbox/linux/suid/sandbox.c MoveToNewNamespaces(): a raw clone
        // with CLONE_NEWPID (| CLONE_NEWNET), whose errno it prints (§11.182).
        ProgramRule(
            program: "Chrome / Chromium (setuid sandbox)", anyOf: ["failed to move to new namespace:"],
            kind: .process,
            notATask:
                "a clone into new PID and network namespaces, refused for want of privilege",
            note:
                "Chrome's setuid helper, chrome-sandbox, clones the zygote into new PID and network namespaces, which only a process with CAP_SYS_ADMIN may create, and on any error but EINVAL it prints this line and exits, so Chrome cannot start its zygote. EPERM is a privilege refused, not a task limit: the helper did not run as root (its setuid bit ignored under no_new_privs, a nosuid mount or an AppImage: \"The setuid sandbox is not running as root\" just above), or a container without CAP_SYS_ADMIN, whose default seccomp profile also refuses a clone with namespace flags. Chrome's other sandbox, a user namespace, avoids the helper where unprivileged user namespaces are allowed (kernel.unprivileged_userns_clone=1, no AppArmor restriction as on Ubuntu 23.10 and later). In a container: a seccomp profile that allows it (jessfraz's chrome.json), `--cap-add SYS_ADMIN`, or `--no-sandbox` where the container is the only sandbox (docs/kernel-facts.md §11.182)."
        ),
        // Python 2's os.fork raises OSError; IOError is a file's, a pipe's,
        // a socket's read or write (§11.182).
        ProgramRule(
            // Its own word: BlockingIOError, Python 3's, ends with the same letters.
            program: "Python 2 (IOError)", anyOf: [" ioerror: [errno 11]"], lineStarts: ["ioerror: [errno 11]"],
            notATask: "a read or write on a non-blocking file, pipe or socket",
            note:
                "Python 2 raises IOError for a read or a write (a file object, a pipe, a socket, multiprocessing's connection.recv_bytes) and OSError for os.fork and subprocess: IOError [Errno 11] is EAGAIN from a non-blocking descriptor with nothing to read or no room to write, or a receive timeout, not a refused process. The frame above it names the call; a multiprocessing Manager or Pool whose other end is slow or gone shows it (docs/kernel-facts.md §11.182)."
        ),
    ]
}
