# glibc 2.35 (Ubuntu 22.04 image) in a container under an old runtime's
# seccomp profile that answers clone3 with EPERM: glibc >= 2.34 falls back
# to clone only on ENOSYS, so every pthread_create fails with EPERM. The
# fix is the runtime's seccomp profile (clone3 -> ENOSYS), not a limit.
. "$(dirname "$0")/lib.sh"
replay docker-v1-idle pthread_create EPERM
"$PYTHON" "$TOP/Tests/scenarios/relabel.py" "$LOG" glibc=2.35
expect verdict=seccomp_or_policy family=denial call=pthread_create errno=EPERM binding='seccomp' \
	advice='clone3' advice='seccomp' rec.glibc=2.35
