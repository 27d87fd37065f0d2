/// Batch systems and HPC containers named by a text's paths: Slurm's job
/// script, HTCondor's execute directory, Apptainer. None of them sets a
/// pids limit of its own by default, so the limit is the one the job
/// carries in, RLIMIT_NPROC, counted over every task of the uid on the node
/// (docs/kernel-facts.md §11.137).
extension HostingHint {
    static let batchHosts = [slurm, htcondor, apptainer]

    /// slurmd copies a batch script to its spool as `slurm_script`; bash's
    /// own "fork: retry" then names that path.
    static let slurm = HostingHint(
        markers: ["/slurm_script:", "srun: error: ", "slurmstepd: error: *** "],
        note:
            "The job ran under Slurm. Its cgroup plugin constrains cores, memory, swap and devices (cgroup.conf's Constrain* settings), never the number of tasks, and slurmd's packaged unit sets TasksMax=infinity: the limit a job meets is RLIMIT_NPROC, which Slurm copies from the shell the job was submitted from (slurm.conf's PropagateResourceLimits, every limit unless the site excepts NPROC), so the login node's `ulimit -u` holds on the compute node, against every task of the user there, other jobs' included. In the job: `ulimit -u`, and `ps -L -u $USER --no-headers | wc -l` on the node; `sbatch --propagate=NONE` (or a larger `ulimit -u` before sbatch) carries the node's own limit instead. Threads per process: export OMP_NUM_THREADS=$SLURM_CPUS_PER_TASK, and one per core is what a library starts unless told (docs/kernel-facts.md §11.137).",
        firstCauses: ["rlimit_nproc"])

    /// HTCondor's starter runs the job in an `execute/dir_PID` scratch
    /// directory and names a transferred executable condor_exec.exe.
    static let htcondor = HostingHint(
        markers: ["/execute/dir_", "condor_exec.exe", "_condor_scratch_dir"],
        note:
            "The job ran under HTCondor, whose starter sets OMP_NUM_THREADS and its kin (the list is STARTER_NUM_THREADS_ENV_VARS) to the cores the job was given (request_cpus): a job that overrides them, or sizes its pools from the machine's cores, starts more threads than its slot. Jobs run as the submitter, a slot user or nobody, and every job of that uid on the machine counts against one RLIMIT_NPROC (docs/kernel-facts.md §11.137).",
        firstCauses: [])

    static let apptainer = HostingHint(
        markers: ["apptainer", "singularity"],
        note:
            "Apptainer (Singularity) runs the container's processes as the user who started it, in that user's cgroup (a Slurm job's, a login session's), with no pids limit unless `--pids-limit` (APPTAINER_PIDS_LIMIT) asks for one: they count against the user's RLIMIT_NPROC on the host, with every other task of the user there. An instance (`apptainer instance start`) keeps its processes, and with user namespaces one namespace, until `apptainer instance stop` (docs/kernel-facts.md §11.137).",
        firstCauses: [])
}
