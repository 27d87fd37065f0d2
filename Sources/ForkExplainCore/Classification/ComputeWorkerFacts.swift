/// What OpenMP runtimes, PyTorch's data loading and Python's pre-forking
/// servers (uWSGI, gunicorn, Celery) start, and which of their own settings
/// size it (docs/kernel-facts.md §11.134 to §11.137): stated once, for
/// `explain`'s notes on their messages (ComputeProgramRules,
/// PythonServerRules) and `report`'s evidence on their records
/// (ParallelRuntimeCaller, PythonServerWorkers), so the two never say it
/// differently.
enum ComputeWorkerFacts {
    static let openMPTeam =
        "an OpenMP runtime starts its team of threads at the first parallel region and keeps them for the next: OMP_NUM_THREADS in all, the calling thread one of them, and unless told one per CPU the process may run on (a container's CPU quota does not lower it, a cpuset does), in every process that loads it"

    static let openMPKnobs =
        "`OMP_NUM_THREADS=N` (or `omp_set_num_threads`, a `num_threads` clause) sizes each team, `OMP_THREAD_LIMIT` caps the process's OpenMP threads; BLAS libraries read theirs too (`OPENBLAS_NUM_THREADS`, `MKL_NUM_THREADS`); a Slurm job script exports it from SLURM_CPUS_PER_TASK (`--cpus-per-task`), and HTCondor's starter sets it to the cores the job was given"

    static let workerProcesses =
        "with several processes each loading it (MPI ranks, multiprocessing or DataLoader workers, one process per job of a batch array on the same node) the teams multiply: processes × OMP_NUM_THREADS tasks against the same limit"

    static let torchThreads =
        "PyTorch computes on an OpenMP pool of about one thread per core (`torch.set_num_threads`, OMP_NUM_THREADS) plus an inter-op pool (`torch.set_num_interop_threads`); a DataLoader forks `num_workers` processes, each of which sets its own pool to 1 thread (torch/utils/data/_utils/worker.py) but holds its Python threads and whatever the dataset's libraries start (OpenCV, a BLAS), and the main process adds a pin_memory thread; a job with one process per GPU has all of this once per process"

    static let torchKnobs =
        "`DataLoader(num_workers=N)` (frameworks: `--workers`, `dataloader_num_workers`), `torch.set_num_threads(N)` or OMP_NUM_THREADS in the main process, `cv2.setNumThreads(0)` in a dataset that uses OpenCV"

    static let sharedMemory =
        "DataLoader workers hand each batch to the main process through shared memory, files in /dev/shm (`/torch_PID_…`), a tmpfs whose size is its own limit: Docker gives a container 64 MiB unless `--shm-size` (or `--ipc=host`) says otherwise, Kubernetes the node's tmpfs or an emptyDir with `medium: Memory` mounted there"

    static let uwsgiForks =
        "uWSGI's master forks `processes` (workers) at start and again whenever one is recycled (max-requests, harakiri, reload-on-rss, a reload), plus mules, spoolers and the http router; with `threads` each worker starts that many request threads, and `enable-threads` lets the application start its own"

    static let gunicornForks =
        "gunicorn's arbiter forks `--workers` processes (1 unless told; the docs suggest 2 × cores + 1), and replaces each that exits (`--max-requests`, a timeout, a HUP reload starts the new set before the old ones go); with `--threads N` above 1 every worker (gthread) runs N request threads besides its main one"

    static let celeryForks =
        "Celery's prefork pool (billiard, its fork of multiprocessing) forks `--concurrency` child processes, one per CPU the host shows unless told, replaces each after `--max-tasks-per-child` tasks, and grows up to `--autoscale`'s maximum; every child's own threads (a BLAS's, an HTTP client's) count too"
}
