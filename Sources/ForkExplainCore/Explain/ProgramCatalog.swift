/// The programs whose messages say more than their errno, most specific
/// first: the first rule that matches names the program (docs/kernel-facts.md §10).
enum ProgramCatalog {
    static let rules: [ProgramRule] = [
        ProgramRule(
            program: "the JVM (HotSpot)", anyOf: ["os::commit_memory(", "native memory allocation (mmap) failed"],
            isMemoryMapping: true,
            note:
                "HotSpot could not map or commit memory: this is not a failed task creation. errno 12 from mmap means the commit limit, vm.max_map_count (a few KiB at a time: thread stacks and their guard pages, with many threads) or RLIMIT_AS; a memory cgroup kills instead of refusing a mapping."
        ),
        ProgramRule(
            program: "a memory allocator", anyOf: ["cannot mmap", "mmap failed", "mmap() failed"],
            isMemoryMapping: true,
            note: "An mmap refused with ENOMEM: not a failed task creation."
        ),
        ProgramRule(
            program: "the JVM (HotSpot)", anyOf: ["native thread"], kind: .thread, errnosWhenNone: ["EAGAIN"],
            note:
                "HotSpot throws \"unable to create native thread\" (older JDKs: \"unable to create new native thread\") when pthread_create fails, which on Linux is EAGAIN whatever the limit (a failed stack mapping included), after retrying 3 times (JDK 18+, 17.0.4+ and 11.0.16+ updates): despite OutOfMemoryError, the Java heap is not the cause."
        ),
        ProgramRule(
            program: "the JVM (HotSpot)", anyOf: ["cannot create worker gc thread", "cannot create gc thread"],
            kind: .thread, errnosWhenNone: ["EAGAIN"],
            note:
                "HotSpot could not start its garbage collector's threads while the VM initialised, before any Java code ran: pthread_create failed. Their number follows the cores the JVM sees (-XX:ParallelGCThreads, -XX:ConcGCThreads lower it), so several JVMs starting at once on a many-core host fill a small task limit here first."
        ),
        ProgramRule(
            program: "the JVM (HotSpot)", anyOf: ["for attributes: stacksize"], kind: .thread,
            note:
                "HotSpot's -Xlog:os+thread warning for a failed pthread_create; `stacksize` is the thread's stack (-Xss, or the JVM's own threads' sizes)."
        ),
        ProgramRule(
            program: "Java (ProcessBuilder / Runtime.exec)", anyOf: ["cannot run program"], kind: .process,
            note:
                "\(JVMForkFacts.spawn). \(JVMForkFacts.error11). \(JVMForkFacts.error12) (docs/kernel-facts.md §11.129)."
        ),
        // Go's own ceiling on its threads: checkmcount() throws before any
        // clone is made (docs/kernel-facts.md §11.172).
        ProgramRule(
            program: "Go (runtime)", anyOf: ["-thread limit", "fatal error: thread exhaustion"],
            notATask: "the Go runtime's own ceiling on its threads (runtime/debug.SetMaxThreads)",
            note:
                "\"program exceeds N-thread limit\" and \"thread exhaustion\" are the Go runtime refusing itself a thread past its own ceiling, runtime/debug.SetMaxThreads, 10000 unless the program sets another: it throws before any clone, so no kernel or cgroup limit refused anything. A Go program makes a thread for each goroutine blocked in a system call or a cgo call, or locked to one (LockOSThread): find what blocks (`kill -QUIT PID` prints every goroutine's stack; `ls /proc/PID/task | wc -l` counts the threads), or raise the ceiling in the program with `debug.SetMaxThreads(N)` (dockerd and CRI-O set it to 90 % of kernel.threads-max at start)."
        ),
        // clone's EINVAL: a flag set an emulator refuses (§11.208).
        ProgramRule(
            program: "Go (runtime)", anyOf: ["failed to create new os thread"], allOf: ["errno=22)"],
            kind: .thread, notATask: "a clone flag set refused, an emulator's, not a limit",
            note: GoNewOSProc.emulatorNote
        ),
        // The runtime's own clone, its stack already allocated: no stack
        // cause, and clone's ENOMEM is the task's memory (§11.208).
        ProgramRule(
            program: "Go (runtime)", anyOf: ["failed to create new os thread", "newosproc"], kind: .thread,
            note:
                "The Go runtime creates its threads with a raw clone: the preload shim cannot see them (`forkexplain watch` can). Its \"may need to increase max user processes (ulimit -u)\" hint names one cause of several: check each below. The new thread's stack was allocated by the runtime before the clone, so the errno is clone's own, and no stack or address-space limit is the cause.",
            ruledOut: CauseCatalog.stackCauses, causesByErrno: ["ENOMEM": CauseCatalog.cloneENOMEM]
        ),
        ProgramRule(
            program: "Go (cgo)", anyOf: ["runtime/cgo: pthread_create failed"], kind: .thread,
            note:
                "With cgo, Go threads come from the C library's pthread_create: `forkexplain run` records them with the numbers at the moment of failure."
        ),
        ProgramRule(
            program: "runc (Go)", anyOf: ["fork/exec /proc/self/exe"], kind: .process,
            note:
                "runc re-executes itself to set up a container: the limit is the one runc runs under (the containerd or dockerd unit's TasksMax=, the host's RLIMIT_NPROC for its uid) or, for `exec` into a running container, that container's pids.max."
        ),
        ProgramRule(
            program: "Go (os/exec)", anyOf: ["fork/exec "], kind: .process,
            note:
                "Go's os/exec clones with CLONE_VM|CLONE_VFORK (unless it creates a user namespace): the parent's memory is neither copied nor committed, so overcommit is not the cause. The same `fork/exec PATH:` prefix also carries the child's exec error.",
            ruledOut: ["commit_limit", "popen_any"]
        ),
        ProgramRule(
            program: "Python (threading)", anyOf: ["can't start new thread"], kind: .thread,
            errnosWhenNone: ["EAGAIN", "EPERM"],
            note:
                "CPython raises \"can't start new thread\" without the errno when pthread_create fails. A task limit or a failed stack mapping gives EAGAIN; in a container under an old runtime (Docker before 20.10.10, an old libseccomp) an image with glibc 2.34 or later gets EPERM on every thread, because the runtime's seccomp profile refuses clone3 and glibc does not fall back (docs/kernel-facts.md §6.9): then it fails at the first thread, and upgrading the runtime, not raising a limit, fixes it. Failing at the first thread with memory free can also be the stack: CPython's threads take glibc's default, RLIMIT_STACK as the process started, and a `ulimit -s` above RAM + swap (or a large one under `ulimit -v`) fails every thread (docs/kernel-facts.md §11.73): `ulimit -s 8192` or `threading.stack_size()` fixes it."
        ),
        ProgramRule(
            program: "Python (subprocess)", anyOf: ["_posixsubprocess"], kind: .process,
            note:
                "CPython's subprocess makes the child in _posixsubprocess.fork_exec and raises the fork's errno: BlockingIOError [Errno 11] is EAGAIN, a refused process, not non-blocking I/O; OSError [Errno 12] is ENOMEM. Since 3.10 it tries vfork first and, when that fails, fork, so a limit refuses both (docs/kernel-facts.md §11.41)."
        ),
        ProgramRule(
            program: "Python (os.fork / multiprocessing)",
            anyOf: ["os.fork()", "popen_fork.py", "blockingioerror: [errno 11]"], kind: .process,
            note:
                "CPython raises the fork's errno: BlockingIOError [Errno 11] (Python 2: OSError [Errno 11]) is EAGAIN, a refused process, not non-blocking I/O. multiprocessing forks a process per worker, and Pool() without a number starts one per CPU the host shows (os.cpu_count(); 3.13 and later the CPUs the process may run on), whatever a container's CPU quota; each worker's own threads count against the same limit (OpenBLAS and OpenMP start one per core in every worker: OPENBLAS_NUM_THREADS=1, OMP_NUM_THREADS=1). Give Pool(processes=N) a number that fits the limit. A BlockingIOError raised elsewhere (a socket, a lock taken with LOCK_NB) is real non-blocking I/O, not a fork (docs/kernel-facts.md §11.89)."
        ),
        ProgramRule(
            program: "Node.js (libuv)", anyOf: ["uv_thread_create(t.get(), start_thread"], kind: .thread,
            errnosWhenNone: ["EPERM", "EAGAIN"],
            note:
                "Node aborts when libuv cannot start its platform's worker threads, at start, and the assertion hides pthread_create's errno. Failing at start, before any code ran, it is most often EPERM: an image with glibc 2.34 or later (node 18+ images) under a runtime whose seccomp profile refuses clone3 (Docker before 20.10.10, RHEL 7's docker, an old libseccomp; docs/kernel-facts.md §6.9); `--security-opt seccomp=unconfined` makes it start, which confirms it, and upgrading the runtime fixes it. Otherwise a task limit refused (EAGAIN): `strace -f -e trace=clone,clone3 node -e 0` shows which; or the stack: libuv gives each thread RLIMIT_STACK as its stack, so a `ulimit -s` above RAM + swap, or a large one under `ulimit -v`, fails them all (EAGAIN, docs/kernel-facts.md §11.73), and `ulimit -s 8192` fixes it.",
            firstCauses: ["seccomp_or_policy"]
        ),
        ProgramRule(
            program: "Node.js (libuv)", anyOf: ["uv_thread_create"], kind: .thread,
            errnosWhenNone: ["EAGAIN", "EPERM"],
            note:
                "libuv's uv_thread_create returns pthread_create's error and Node asserts on it without printing it: EAGAIN for a task limit (worker_threads and the UV_THREADPOOL_SIZE pool count against it), EPERM where a container runtime's seccomp profile refuses clone3 (docs/kernel-facts.md §6.9). libuv sizes every thread's stack from RLIMIT_STACK: a huge `ulimit -s` fails them with memory free (docs/kernel-facts.md §11.73)."
        ),
        ProgramRule(
            program: "Node.js (child_process)",
            anyOf: [
                "error: spawn ", "error: spawnsync ", "syscall: 'spawn", "syscall: \"spawn", "\"syscall\":\"spawn",
            ],
            kind: .process,
            note:
                "Node's child_process (spawn, exec, execFile, fork) starts each child with libuv's uv_spawn and names the errno: `spawn PATH EAGAIN` is a refused process, a task limit, not non-blocking I/O; `spawn ENOMEM` is memory, or a PID limit on a kernel before 4.1 or in a PID namespace whose init has exited. The limit is the Node process's own: its unit's TasksMax=, its container's pids limit, its uid's RLIMIT_NPROC."
        ),
        // Before cargo's: a build's jobserver EAGAIN is a read, not a task
        // (docs/kernel-facts.md §11.98).
        ProgramRule(
            program: "a jobserver (make, cargo, cc-rs)",
            anyOf: ["failed to acquire jobserver token", "read jobs pipe: resource temporarily unavailable"],
            notATask: "a read of the jobserver's pipe",
            note:
                "make, cargo, rustc and cc-rs share a jobserver, a pipe holding one token per parallel job, and this EAGAIN is read(2)'s on it: the pipe was non-blocking and held no token. make before 4.4 hands it down as an inherited anonymous pipe, whose O_NONBLOCK flag every process sharing it shares, so one that sets it breaks the others' waits (rust-lang/cc-rs#985). No process or thread was refused: raising a task limit changes nothing. Update the cc crate and make (4.4 passes a named FIFO), or build without make's jobserver (`env -u MAKEFLAGS -u MFLAGS cargo build`) (docs/kernel-facts.md §11.98)."
        ),
        // cargo and rustc before the generic Rust rule: a build's panics
        // name rustc's own sources or cargo's job, and the fix is -j
        // (docs/kernel-facts.md §11.98).
        ProgramRule(
            program: "Rust (cargo / rustc)",
            anyOf: [
                "compiler/rustc_", "src/librustc_", "could not compile `", "could not execute process `",
                "unable to install ctrlc handler", "the compiler unexpectedly panicked", "cargo::core::compiler::",
            ],
            note:
                "cargo builds up to -j crates at once (by default one per core the host shows, also in a container whose pids limit does not grow with them), and each rustc starts threads of its own (its compiler thread, a Ctrl-C handler, codegen threads up to the jobserver's tokens) beside build scripts, linkers and cc jobs; cargo holds a thread per job. A refused thread panics in rustc (`called Result::unwrap() on an Err value: Os { code: 11, kind: WouldBlock, ... }` in rustc_interface, `Unable to install ctrlc handler`) or in cargo (`failed to spawn thread`); a refused process is cargo's `could not execute process ... (never executed)` with `Resource temporarily unavailable (os error 11)`. `cargo build -j N` (or CARGO_BUILD_JOBS=N, `jobs` under [build] in .cargo/config.toml) with N that fits the limit, or raise the limit (docs/kernel-facts.md §11.98).",
            firstCauses: ["cgroup_pids_limit"]
        ),
        ProgramRule(
            program: "Rust (std::thread / a thread pool)",
            anyOf: [
                "failed to spawn thread", "failed to spawn work thread", "failed to spawn worker thread",
                "can't spawn worker thread", "can't spawn a new worker thread",
            ],
            kind: .thread,
            note:
                "Rust's thread::Builder::spawn returns pthread_create's error as an io::Error, and EAGAIN shows as `kind: WouldBlock`: a refused thread, not non-blocking I/O. tokio's \"OS can't spawn worker thread\" and rayon's ThreadPoolBuildError are the same failure in their pools, whose workers size themselves from the visible cores. tokio's blocking pool (`spawn_blocking`, `tokio::fs`, name lookups) adds a thread for each blocked task up to the runtime Builder's `max_blocking_threads`, 512 by default whatever the cores, so it alone fills a pids limit of 512 (tokio-rs/tokio#2309): cap it with `.max_blocking_threads(N)` below the limit (docs/kernel-facts.md §11.222)."
        ),
        // libc++ names the constructor; libstdc++ prints only the type and
        // strerror's text on the next line, and a std::system_error that
        // ends a program with EAGAIN is std::thread's (or std::async's)
        // pthread_create (docs/kernel-facts.md §11.97).
        ProgramRule(
            program: "C++ (std::thread, libc++)", anyOf: ["thread constructor failed"], kind: .thread,
            errnosWhenNone: ["EAGAIN"], note: cxxThreadNote
        ),
        ProgramRule(
            // libstdc++'s __throw_system_error puts the errno in the generic
            // category, which an error_code prints as `generic:11`
            // (github.com/Zilliqa/zq1/issues/151, §11.154).
            program: "C++ (std::thread, libstdc++)", anyOf: ["std::system_error", "code generic:"], kind: .thread,
            errnosWhenNone: ["EAGAIN"], note: cxxThreadNote,
            // join() on a thread that is not joinable (EINVAL) and a mutex's
            // errors are std::system_error too.
            errnosOnly: ["EAGAIN", "EPERM"]
        ),
        ProgramRule(
            program: "LXC", anyOf: ["failed to popen()"], kind: .process,
            note:
                "LXC's lxc_popen() forks by itself (not glibc's popen) to run a hook, and logs the errno just before \"Failed to popen()\". An unprivileged container's tasks belong to the host uid its root maps to (lxc.idmap), so containers sharing an idmap share one RLIMIT_NPROC count, which lxc.prlimit.nproc caps per process (docs/kernel-facts.md §11.9)."
        ),
        ProgramRule(
            program: "avahi-daemon", anyOf: ["chroot.c: fork() failed", "failed to start chroot() helper"],
            kind: .process,
            note:
                "avahi-daemon sets its own RLIMIT_NPROC from `rlimit-nproc` in /etc/avahi/avahi-daemon.conf (3 in the configs long shipped), drops root to user avahi and then forks its chroot helper. Every avahi-daemon of that uid counts against the 3: the host's and those of containers without a user namespace (privileged LXC/LXD, docker without userns-remap), whose /proc shows only their own. Comment out `rlimit-nproc` and restart it (docs/kernel-facts.md §11.19).",
            firstCauses: ["rlimit_nproc"]
        ),
        ProgramRule(
            program: "OpenBLAS", anyOf: ["blas_thread_init"], kind: .thread,
            note:
                "OpenBLAS starts one thread per core when it loads (\"thread N of M\"), in every process that loads it: set OPENBLAS_NUM_THREADS (or OMP_NUM_THREADS) to what each process needs, especially with many worker processes. The failure raises SIGINT, which Python shows as a KeyboardInterrupt during an import."
        ),
        ProgramRule(
            program: ".NET (CoreCLR)", anyOf: ["system.threading.thread.startinternal"], kind: .thread,
            errnosWhenNone: ["EAGAIN"],
            note:
                ".NET throws OutOfMemoryException from Thread.StartInternal when pthread_create fails, whatever the reason (a task limit too): the managed heap is not the cause. On Linux its threads take RLIMIT_STACK's size (8 MiB under the usual limit), and a 32-bit process (arm32, x86) holds only a few hundred such stacks beside its heap: `DOTNET_DefaultStackSize=100000` (hexadecimal bytes: 1 MiB) makes them smaller (dotnet/runtime#7740; docs/kernel-facts.md §11.75)."
        ),
        // E_OUTOFMEMORY while the runtime starts: an address-space
        // reservation refused, no task (§11.153).
        ProgramRule(
            program: ".NET (CoreCLR start)",
            anyOf: [
                "failed to create coreclr, hresult: 0x8007000e", "gc heap initialization failed with error 0x8007000e",
            ],
            // E_OUTOFMEMORY is the runtime's word for a refused mapping.
            errnosWhenNone: ["ENOMEM"], isMemoryMapping: true,
            note:
                "0x8007000E is E_OUTOFMEMORY: the runtime could not reserve address space while it started, before any code ran, and no process or thread was refused. .NET reserves the GC heap's range up front, PROT_NONE and uncommitted, so free RAM does not help and the commit limit is rarely the cause: .NET 7 and later (regions) 256 GiB or twice the RAM, the smaller for workstation GC and the larger for server GC, or 5 times DOTNET_GCHeapHardLimit when one is set; earlier releases a segment (256 MiB in dotnet/coreclr#25553). The GC does not read RLIMIT_AS on Linux (it takes the address space as 128 TiB), so a `ulimit -v` below the reservation fails every start: the refusers seen are RLIMIT_AS (which shared hosts such as cPanel's and LiteSpeed's set per user: `grep 'address space' /proc/self/limits`) and an address space smaller than the reservation under Android's proot and Termux. Raise `ulimit -v`, or make the reservation smaller: `DOTNET_GCHeapHardLimit=0x10000000` (hexadecimal bytes) or `DOTNET_GCRegionRange` (dotnet/runtime#85556, #116431; docs/kernel-facts.md §11.153).",
            firstCauses: ["rlimit_as"],
            conditions: [
                "rlimit_as":
                    "here the GC heap's reservation while the runtime starts, not a thread stack"
            ]
        ),
        ProgramRule(
            program: "jemalloc", anyOf: ["background thread creation failed"], kind: .thread,
            errnosWhenNone: ["EAGAIN"],
            note:
                "jemalloc starts its purging threads (`background_thread:true`; Rust's tikv-jemallocator with `background_threads`) with default attributes, so each takes glibc's default stack, RLIMIT_STACK as the process started: a `ulimit -s` raised past RAM + swap makes the first one fail (11 is EAGAIN) with memory free, and `ulimit -s 8192` fixes it (docs/kernel-facts.md §11.73). Otherwise a task limit refused it."
        ),
        ProgramRule(
            program: "the Erlang VM (BEAM)",
            anyOf: [
                "failed to create scheduler thread", "failed to create dirty cpu scheduler thread",
                "failed to create dirty io scheduler thread", "failed to create poll thread",
                "failed to create aux thread",
            ],
            // erts prints "Failed to %s: %s (%d)" at the start of its own
            // line and aborts; the bare words are too common inside a line.
            // A line pasted by hand may lose the blank after the colon
            // (github.com/rabbitmq/rabbitmq-server/issues/1417).
            lineStarts: ["failed to create thread:"], kind: .thread, errnosWhenNone: ["EAGAIN"],
            note:
                "The Erlang VM aborts (\"Aborted\", a core dump or erl_crash.dump) when any of its threads is refused, which happens while it starts: a scheduler and a dirty CPU scheduler per logical core the host shows, 10 dirty I/O schedulers and the async pool (+A), so a many-core host starts hundreds. RabbitMQ 3.6 to 3.8.9 also sized its I/O pool from the cores, and on hosts of 64 cores or more it aborted here until `RABBITMQ_IO_THREAD_POOL_SIZE=128` was set (3.8.10 removed the guess); `+S N:N`, `+SDcpu N` and `+A N` in `RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS` (or ERL_FLAGS) make the VM start fewer threads (docs/kernel-facts.md §11.80).",
            firstCauses: ["cgroup_pids_limit"]
        ),
        ProgramRule(
            program: "the Erlang VM (inet_gethost)",
            anyOf: ["unable to create worker process, insufficient resources", "can not execute "],
            allOf: ["inet_gethost"], kind: .process, errnosWhenNone: ["EAGAIN"],
            note:
                "inet_gethost is the port program the Erlang VM starts for name lookups, and it forks its own workers; `eagain` and `errno = 11` are a refused process, counted with the VM's threads against the same limit (a container's pids limit, RabbitMQ's unit's TasksMax=): the VM's own threads fill most of it (docs/kernel-facts.md §11.80).",
            firstCauses: ["cgroup_pids_limit"]
        ),
        // Ruby 1.9's thread_pthread.c: `[FATAL] Failed to create timer thread (errno: %d)`, then exit (§11.182).
        ProgramRule(
            program: "Ruby (MRI)", anyOf: ["failed to create timer thread (errno"], kind: .thread,
            note:
                "Ruby 1.9 and the 2.0 of 2012 start a timer thread in every process, and again in both parent and child after a fork, and exit with `[FATAL] Failed to create timer thread (errno: 11)` when it is refused: the fork itself may have worked. errno 11 is EAGAIN, a task limit: under Process.setrlimit(:NPROC, n) the child's timer thread is the first refused, one task below the fork's own room, and the parent's too one further (a-k-r.org/d/2012-06.html; docs/kernel-facts.md §11.182)."
        ),
        ProgramRule(
            program: "Ruby (MRI)", anyOf: ["pthread_create failed for timer"], kind: .thread,
            note:
                "Ruby before 2.6 starts a timer thread in every process, and again in the child after fork (2.6 and later say \"signals racy\" instead of \"scheduling broken\"), so this warning at a `fork`, `spawn` or backtick line means the fork worked but the child's first thread was refused: the count of processes and threads of the whole container was full. On Heroku that count is the dyno's (256 on Eco, Basic and Standard-1X, 512 on Standard-2X, threads included): fewer Puma threads or Sidekiq concurrency, fewer forked workers, or a larger dyno (docs/kernel-facts.md §11.81)."
        ),
        ProgramRule(
            program: "Ruby (MRI)", anyOf: ["can't create thread: "], kind: .thread,
            note:
                "Ruby raises ThreadError \"can't create Thread\" with pthread_create's error: every Puma thread, Sidekiq worker and connection-pool reaper is a task against the container's count (on Heroku the dyno's 256 or 512, threads included; docs/kernel-facts.md §11.81)."
        ),
        ProgramRule(
            program: "Phusion Passenger", anyOf: ["cannot fork() a new process"], kind: .process,
            note:
                "Passenger forks the application's processes itself (up to `passenger_max_pool_size`; each app's own threads count too): EAGAIN is a task limit, and the limit is the web server's, the nginx or Apache unit's TasksMax= or LimitNPROC= for the user the app runs as, or the container's pids limit, not the app's. `passenger-status` shows the processes it holds. With errno=12 the fork was refused memory instead (docs/kernel-facts.md §11.82)."
        ),
        ProgramRule(
            program: "Varnish", anyOf: ["create worker thread failed"], kind: .thread,
            note:
                "varnishd grows each thread pool up to thread_pool_max (default 5000, 2 pools) with in-flight requests: the limit is varnishd's unit (its TasksMax=, systemd ≥ 231's default 15 % of pid_max, 4915 with pid_max 32768; varnish's own unit sets TasksMax=infinity), and a full unit also stops `systemctl reload varnish`, whose script forks in it (docs/kernel-facts.md §11.7)."
        ),
        ProgramRule(
            program: "Apache httpd", anyOf: ["ah00480", "ah03104", "unable to create worker thread"],
            kind: .thread, errnosWhenNone: ["EAGAIN"],
            note:
                "Apache's event and worker MPMs start ThreadsPerChild worker threads (default 25) in each child beside its main and listener threads and the one that starts them: ServerLimit × (ThreadsPerChild + 3) + 1 tasks against httpd's limit (its unit's TasksMax=, a container's pids limit, LimitNPROC= for its user). A child that cannot start them all exits, and when no child ever started httpd exits too (AH02324, \"A resource shortage\"). Lower ThreadsPerChild and ServerLimit to fit, or raise the limit (docs/kernel-facts.md §11.84).",
            firstCauses: ["cgroup_pids_limit"]
        ),
        ProgramRule(
            program: "Apache httpd", anyOf: ["ah00159", "ah00481"], kind: .process,
            note:
                "Apache's prefork MPM forks a process per worker, up to MaxRequestWorkers (ServerLimit caps it), beside its parent; event and worker fork ServerLimit children of ThreadsPerChild + 3 threads each as they start. The limit is httpd's own (its unit's TasksMax=, whose systemd default is a share of the host's task limit, a container's pids limit, or LimitNPROC= for its user): MaxRequestWorkers + 1 must fit it, with what else runs there (docs/kernel-facts.md §11.83).",
            firstCauses: ["cgroup_pids_limit"]
        ),
        ProgramRule(
            program: "PHP-FPM", anyOf: ["] error: fork() failed: ", "fpm_children_make"], kind: .process,
            note:
                "PHP-FPM's master forks one process per child, up to pm.max_children in each pool (`pm = static` forks them all at start and exits when one is refused): pm.max_children of every pool + 1 must fit php-fpm's limit (its unit's TasksMax=, a container's pids limit, LimitNPROC= for its user, which the master's children count against). Lower pm.max_children or raise the limit (docs/kernel-facts.md §11.85).",
            firstCauses: ["cgroup_pids_limit"]
        ),
        ProgramRule(
            program: "bash", anyOf: ["fork: retry:", "fork: interrupted system call"], kind: .process,
            note:
                "bash retries a fork only while it fails with EAGAIN (`fork: retry:`, sleeping 1, 2, 4, 8 s), then gives up with `fork: ERROR`. A retry line saying \"No child processes\" comes from a bash that reaps its children between attempts and printed that wait's errno instead (bash 4.2 added the reaping, later releases put EAGAIN back first); a last line saying \"Interrupted system call\" means a child exited during the sleep between retries, which ended them with the sleep's errno: either way the fork's errno was EAGAIN."
        ),
        ProgramRule(
            program: "dash (/bin/sh)", anyOf: [": cannot fork\n"], kind: .process,
            note:
                "dash (Debian's and Ubuntu's /bin/sh) prints \"Cannot fork\" without the errno: any cause of ENOMEM or EAGAIN."
        ),
        ProgramRule(
            program: "make", anyOf: ["make: vfork", "make: fork", "]: fork:", "]: vfork:"], allOf: ["make"],
            // GNU make 4.3+ starts recipes with posix_spawn and names the
            // program it could not start: `make: sleep: Resource ...`.
            lineStarts: ["make: ", "make[", "gmake: ", "gmake["], kind: .process,
            note: "`make -j` without a number starts every runnable job at once: give it a number (`make -jN`)."
        ),
        ProgramRule(
            program: "Chrome / Chromium",
            anyOf: [
                "platform_thread_posix", "failed to launch the browser process",
                "failed to launch chrome",
            ],
            // Chrome's own failures to start a thread or a child are EAGAIN
            // (a task limit); ENOMEM needs an old kernel or a memory limit.
            errnosWhenNone: ["EAGAIN", "ENOMEM"],
            note:
                "Each headless Chrome starts dozens of processes and, with their threads, a hundred tasks or more: browsers that are never closed (no browser.close()), or several sessions in one container, add up to its pids limit (`docker stats` shows the PIDS). Puppeteer's `Code: null` says the browser died of a signal before it answered, with no errno of its own: Chrome aborts when a thread or a child process is refused (its own lines above then say `pthread_create: Resource temporarily unavailable (11)` or `Cannot fork`), and the OOM killer ends it the same way (dmesg says which; docs/kernel-facts.md §11.16).",
            firstCauses: ["cgroup_pids_limit"]
        ),
        ProgramRule(
            program: "OpenVPN",
            anyOf: ["daemon() failed or unsupported", "openvpn_execve: unable to fork"], kind: .process,
            note:
                "OpenVPN forks in daemon() before it drops root, and for every script it runs. Its packaged units (openvpn@.service, openvpn-server@.service) set `LimitNPROC=10`: harmless for root on a host, which RLIMIT_NPROC exempts, but in a container (LXC/LXD, OpenVZ) root is not exempt and every root task there counts against the 10; with `user nobody` the scripts count every task of nobody. `systemctl edit openvpn@NAME.service` with `[Service]` `LimitNPROC=infinity` fixes it (docs/kernel-facts.md §11.63).",
            firstCauses: ["rlimit_nproc"]
        ),
        ProgramRule(
            program: "systemd", anyOf: ["systemd[1]: failed to fork"], kind: .process,
            note:
                "PID 1 runs as root in the root cgroup: RLIMIT_NPROC does not apply to it and no pids.max sits above it; look at pid_max, threads-max and memory.",
            ruledOut: ["cgroup_pids_limit", "rlimit_nproc"]
        ),
        ProgramRule(
            program: "C++ (boost::thread)", anyOf: ["thread_resource_error"], kind: .thread,
            errnosWhenNone: ["EAGAIN"],
            note:
                "boost::thread throws boost::thread_resource_error when pthread_create fails (thread::start_thread), and a program that does not catch it aborts (\"terminate called after throwing an instance of 'boost::thread_resource_error'\"). Its text is boost's own, resource_unavailable_try_again whatever pthread_create returned: a refused thread, not a process, most often EAGAIN from a task limit or the thread's stack, but the EPERM of a container runtime's seccomp profile that refuses clone3 reads the same (docs/kernel-facts.md §6.9). Pools built on it (a work queue's, an RPC server's) start their threads from a configured count or the visible cores: size them to the limit (docs/kernel-facts.md §11.154)."
        ),
        ProgramRule(
            program: "Qt (QThread)", anyOf: ["qthread::start: thread creation error"], kind: .thread,
            note:
                "QThread::start() prints this with pthread_create's error (qthread_unix.cpp) and the thread simply does not run: the program goes on without it, so the warning may repeat for every thread it starts. EAGAIN is a task limit or the thread's stack (QThread::setStackSize, else RLIMIT_STACK's size) (docs/kernel-facts.md §11.154)."
        ),
        ProgramRule(
            program: "PHP (exec, shell_exec, system, passthru)", anyOf: ["(): unable to fork ["], kind: .process,
            note:
                "PHP's exec(), shell_exec(), system() and passthru() start the command with popen(), `/bin/sh -c` (ext/standard/exec.c), and warn \"Unable to fork [COMMAND]\" without the errno. Before glibc 2.29 popen forks the whole PHP process, and a large one (a worker near a big memory_limit, a long CLI job) is refused under the commit limit with memory free, which swap or a smaller process fixes; glibc 2.29 to 2.37 report any refused spawn as ENOMEM (2.38 gives the real errno). A task limit refuses it too: php-fpm's pool (its unit's TasksMax=, the container's pids limit) or the web server's for mod_php (docs/kernel-facts.md §11.154).",
            firstCauses: ["commit_limit"]
        ),
        ProgramRule(
            program: "PHP (pcntl_fork)", anyOf: ["pcntl_fork(): error "], kind: .process,
            note:
                "PHP's pcntl_fork() calls fork() and, when it fails, raises a warning with the bare errno, `pcntl_fork(): Error N`, and returns -1 (ext/pcntl/pcntl.c): 11 is EAGAIN, a task limit on the PHP process (its container's pids limit, the unit's TasksMax=, its user's RLIMIT_NPROC), 12 ENOMEM, memory for the fork. A worker manager that forks one child per job (Gearman, Resque, Laravel Horizon) fills the limit with its children: bound their number to it (docs/kernel-facts.md §11.154)."
        ),
    ]

    static let cxxThreadNote =
        "The std::thread constructor (and std::async with launch::async, which starts one) throws std::system_error with pthread_create's errno, and one nobody catches ends the program through std::terminate (\"terminate called after throwing an instance of 'std::system_error'\", then SIGABRT, \"Aborted (core dumped)\"). \"Resource temporarily unavailable\" is EAGAIN: a task limit refused the thread (a pids.max, RLIMIT_NPROC, threads-max, pid_max) or its stack could not be mapped, not the heap: catch std::system_error where threads start, and size the pool to the limit (docs/kernel-facts.md §11.97)."

    /// Every rule, most specific first: the other files' before the
    /// general ones here, joined once. Texts no Linux limit explains first
    /// (a Cygwin log holds bash's words), then the container runtimes': a
    /// wrapped runc text holds words the others know.
    static let all =
        NotALimitRules.rules + AndroidProgramRules.rules + ContainerRuntimeRules.rules + UidChangeProgramRules.rules
        + NamespaceProgramRules.rules + ErlangPortRules.rules + ToolProgramRules.rules
        + DatabaseProgramRules.rules
        + ServerProgramRules.rules + CloudLinuxRules.rules + JVMProductRules.rules + ComputeProgramRules.rules
        + PythonServerRules.rules + rules

    /// Words of a traceback's frames that name the program whose rule
    /// needs them beside the failure's own line (a DataLoader's, gunicorn's,
    /// billiard's paths): read only when another line names a failure.
    static let contextMarkers =
        ComputeProgramRules.contextMarkers + PythonServerRules.contextMarkers + ToolProgramRules.contextMarkers

    /// `lower` is matched with a newline after it: dash's message is the
    /// end of its line.
    static func rule(for lower: String) -> ProgramRule? {
        let text = lower + "\n"
        return all.first { $0.matches(text) }
    }
}
