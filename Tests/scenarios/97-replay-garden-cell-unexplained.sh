# A Cloud Foundry Diego cell: Go apps die with "failed to create new OS
# thread (have 5 already; errno=11) ... may need to increase max user
# processes (ulimit -u)", but ps -efT counts 2387 tasks, threads-max is
# 128179 and Max processes 64089 (github.com/cloudfoundry/garden/issues/52).
# No posted number is near a limit: unexplained with the closest limits,
# never the rlimit_nproc Go's hint points at.
. "$(dirname "$0")/lib.sh"
replay garden-cell clone EAGAIN
expect verdict=unexplained call=clone errno=EAGAIN evidence='kernel.threads-max: 2387 of 128179' \
	evidence='counters can disagree with the failure' not_verdict=rlimit_nproc not_verdict=threads_max \
	not_verdict=pid_max rec.limits.nproc.soft=64089
