# RLIMIT_NPROC counted where the user did not look (docs/kernel-facts.md
# §11.177, §11.179): a Rancher host whose login account ansible is uid
# 1000, as are 30 containers' processes, "4336 ansible" tasks against
# "max user processes (-u) 4096", so `sudo -u ansible bash` says "fork:
# retry: No child processes" (https://github.com/moby/moby/issues/42069);
# and an HPC node's 200+ Singularity containers of one user, processes
# "look ok", threads at the 4096, fixed by "the process limit for the user
# to 16384" (https://github.com/apptainer/singularity/issues/4987).
. "$(dirname "$0")/lib.sh"
need_root

replay_as 1000 uid1000-containers-nproc fork EAGAIN
expect verdict=rlimit_nproc family=denial call=fork errno=EAGAIN binding='RLIMIT_NPROC of uid 1000' \
	evidence='uid 1000 has 4336 tasks' evidence='4335 of uid 1000'"'"'s 4336 tasks are in other PID namespaces' \
	advice='Containers run as uid 1000 too (4335 of its tasks)' \
	advice='When uid 1000 is a login account of this host (`getent passwd 1000`), its logins, ssh and `sudo -u` stop too' \
	advice='`usermod -u NEW NAME`' not_verdict=memory_exhausted not_verdict=pid_max \
	rec.limits.uid_tasks=4336 rec.limits.uid_tasks_other_pidns=4335 rec.limits.nproc.soft=4096
first_fix rlimit_nproc 'Containers run as uid 1000 too'

replay_as 1003 singularity-hpc-nproc pthread_create EAGAIN
expect verdict=rlimit_nproc family=denial call=pthread_create errno=EAGAIN binding='RLIMIT_NPROC of uid 1003' \
	evidence='uid 1003 has 4096 tasks (limits.uid_tasks, threads included' advice='`ulimit -u 16384`' \
	advice='Threads count like processes' not_advice='Containers run as uid' not_verdict=memory_exhausted \
	rec.limits.uid_tasks=4096 rec.limits.nproc.soft=4096
first_fix rlimit_nproc 'Raise it where the process starts, e.g. to four times the 4096 in force'
echo "ok: a login uid shared with containers told to move one of them; an HPC user's threads at nproc 4096 raised to 16384"
