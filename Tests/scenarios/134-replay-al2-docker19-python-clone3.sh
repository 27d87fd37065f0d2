# Python 3.10.12 (the python:3.10 image on Debian bookworm, glibc 2.36) on
# "Docker 19.03.6-ce": paramiko's first thread fails, "RuntimeError: can't
# start new thread"; "Reverting to Python 3.10.11 resolved the issue.
# Running on Docker 20.10.24 does not exhibit the issue"
# (https://github.com/python/cpython/issues/106038). glibc ≥ 2.34 makes
# threads with clone3, Docker's seccomp profile before 20.10.10 answers it
# with EPERM and glibc falls back to clone only on ENOSYS; 3.10.11's image
# had glibc 2.31. Replayed with Debian's python3 (glibc 2.36, as the
# image's) starting a thread in the reconstructed container on Amazon
# Linux 2 (kernel 4.14, which has no clone3 at all). The verdict must be
# the runtime's seccomp profile with the thread's two fixes (a newer
# Docker, an image with glibc < 2.34), never a limit: no limit is near.
. "$(dirname "$0")/lib.sh"
replay_program al2-docker19-clone3 pthread_create=EPERM \
	"$PYTHON" -c 'import threading; threading.Thread(target=print).start()'
[ "$PROGRAM_STATUS" != 0 ] || fail "python started its thread although pthread_create failed"
expect_output "$WORK/out" "RuntimeError: can't start new thread"
expect verdict=seccomp_or_policy family=denial call=pthread_create errno=EPERM binding='clone3' \
	binding='container runtime' evidence='glibc 2.36' evidence='moby/moby#42681' \
	evidence='kernel 4.14.314-237.533.amzn2.x86_64 has no clone3 (5.3)' \
	advice='20.10.10 or later' advice='glibc < 2.34' not_verdict=cgroup_pids_limit not_verdict=rlimit_nproc \
	not_family=oom rec.glibc=2.36 rec.kernel=4.14.314-237.533.amzn2.x86_64 rec.process.comm=python \
	rec.cgroups.pids.0.max=max
"$FORKEXPLAIN" explain "RuntimeError: can't start new thread" >"$WORK/explain" || fail "explain failed on Python's line"
grep -q 'printed by Python (threading)' "$WORK/explain" && grep -q 'Docker before 20.10.10' "$WORK/explain" ||
	fail "explain does not name Python's thread failure and the old runtime's clone3 EPERM: $(head -3 "$WORK/explain")"
