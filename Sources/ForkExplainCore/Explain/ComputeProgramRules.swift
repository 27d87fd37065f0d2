/// OpenMP runtimes and PyTorch's data loading: a thread team or a worker
/// pool sized from the cores, multiplied by the processes that each start
/// one, and /dev/shm, whose ENOSPC and SIGBUS are no task limit's
/// (docs/kernel-facts.md §11.134, §11.135). Part of `ProgramCatalog`,
/// before its general rules: a DataLoader's "can't start new thread" is
/// Python's words too.
enum ComputeProgramRules {
    private typealias F = ComputeWorkerFacts

    static let teamNote =
        "\(F.openMPTeam.capitalizedFirst); \(F.workerProcesses). \(F.openMPKnobs) (docs/kernel-facts.md §11.134)."

    /// The frames and relay lines that say a traceback is PyTorch's.
    static let contextMarkers = ["torch/utils/data/", "in dataloader worker process"]

    static let rules: [ProgramRule] = [
        ProgramRule(
            program: "LLVM/Intel OpenMP (libomp, libiomp5)",
            anyOf: ["system unable to allocate necessary resources for omp thread"], kind: .thread,
            errnosWhenNone: ["EAGAIN"],
            note:
                "LLVM's and Intel's OpenMP runtime (clang's and Intel's compilers, MKL's threading layer, the libomp some Python wheels carry) prints Error #34 when pthread_create refuses a thread of its team, then `OMP: System error #N:` with that errno's text (#11 is EAGAIN on Linux, #35 on macOS), then its hint, and aborts: `Aborted (core dumped)`, a Fortran program's `forrtl: error (76)`. The hint names the runtime's own knob; the cause is a task limit (or a thread stack that could not be mapped), whichever the numbers below show. \(teamNote)",
            firstCauses: ["cgroup_pids_limit"]
        ),
        ProgramRule(
            program: "libgomp (OpenMP)", anyOf: ["libgomp: thread creation failed"], kind: .thread,
            note:
                "GCC's OpenMP runtime (gcc, gfortran; PyTorch's and scikit-learn's Linux wheels carry a copy) prints this with pthread_create's errno (team.c gomp_team_start) and exits. \(teamNote)",
            firstCauses: ["cgroup_pids_limit"]
        ),
        // Before the bus error and the worker's death: the ENOSPC line comes
        // first in a log that has all three.
        ProgramRule(
            program: "PyTorch (shared memory)", anyOf: ["unable to write to file </torch_"],
            notATask: "a write to PyTorch's shared memory in /dev/shm",
            note:
                "No process or thread was refused: \(F.sharedMemory), and this write found it full (ENOSPC; some releases print the path alone). Raising pids.max or `ulimit -u` changes nothing. `df -h /dev/shm` shows it; give it room (`docker run --shm-size=8g`, or `--ipc=host`; an emptyDir with `medium: Memory` on /dev/shm in a pod) or move less through it (fewer workers, smaller batches) (docs/kernel-facts.md §11.135)."
        ),
        ProgramRule(
            program: "PyTorch (DataLoader worker, SIGBUS)", anyOf: ["unexpected bus error encountered in worker"],
            notATask: "a DataLoader worker's SIGBUS on a full /dev/shm",
            note:
                "PyTorch's worker caught SIGBUS: \(F.sharedMemory), and a file there can be sized (ftruncate) past the tmpfs's free space, so the worker faults when it writes the pages (pytorch/pytorch#5247) instead of getting an errno. No task limit is involved; give /dev/shm room (`--shm-size`, `--ipc=host`, an emptyDir with `medium: Memory`) or fewer workers and smaller batches (docs/kernel-facts.md §11.135)."
        ),
        // A worker's refused thread, relayed by the main process ("Caught
        // RuntimeError in DataLoader worker process N").
        ProgramRule(
            program: "PyTorch (DataLoader worker)", anyOf: ["in dataloader worker process"],
            allOf: ["can't start new thread"], kind: .thread, errnosWhenNone: ["EAGAIN", "EPERM"],
            note:
                "A DataLoader worker could not start a thread: \(F.torchThreads). With `num_workers` set from the cores on a large host, a container's pids limit (or the uid's RLIMIT_NPROC) is reached by their sum, not by one leak. Size them to the limit: \(F.torchKnobs) (docs/kernel-facts.md §11.135).",
            firstCauses: ["cgroup_pids_limit"]
        ),
        ProgramRule(
            program: "PyTorch (DataLoader)", anyOf: ["torch/utils/data/"], allOf: ["popen_fork.py"], kind: .process,
            note:
                "The DataLoader could not fork its workers (multiprocessing's os.fork; BlockingIOError [Errno 11] is EAGAIN): \(F.torchThreads). Size them to the limit: \(F.torchKnobs) (docs/kernel-facts.md §11.135).",
            firstCauses: ["cgroup_pids_limit"], errnosOnly: ["EAGAIN", "ENOMEM"]
        ),
        ProgramRule(
            program: "PyTorch (DataLoader)", anyOf: ["exited unexpectedly"], allOf: ["dataloader worker (pid"],
            notATask: "a DataLoader worker that died after it started",
            note:
                "PyTorch says a worker process it had started is gone: it died of a signal or exited, and no fork or thread was refused here. `is killed by signal: Killed.` is most often the OOM killer (dmesg, the container's memory limit); `Bus error` is /dev/shm full (\(F.sharedMemory)); an exit code of 1 is an exception the worker raised, which `num_workers=0` shows in the main process. A refused fork would have failed in the main process when the workers started (BlockingIOError from popen_fork.py), and a refused thread in a worker is relayed as `Caught RuntimeError in DataLoader worker process N` with `can't start new thread` (docs/kernel-facts.md §11.135)."
        ),
    ]
}
