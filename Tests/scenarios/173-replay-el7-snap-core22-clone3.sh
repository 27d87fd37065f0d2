# A core22 snap on CentOS 7: `snap run joplin-desktop` dies with
# "pthread_create: Operation not permitted (1)" and a trap
# (https://github.com/JGCarroll/joplin-desktop-snap/issues/28). CentOS 7's
# libseccomp is too old to know clone3, so snapd's compiled profile leaves
# it out and answers it with EPERM, on a kernel (3.10) that has no clone3
# at all; core22's glibc then fails every thread
# (https://github.com/snapcrafters/signal-desktop/issues/76,
# https://github.com/canonical/snapd/pull/12505). Replayed as the user, as
# pthread_create EPERM, in the reconstructed session: seccomp_or_policy
# naming snapd's profile and its fix (a snapd with a newer libseccomp, the
# snap installed again), not a container runtime's profile and not a unit
# drop-in, which cannot loosen a stacked filter.
. "$(dirname "$0")/lib.sh"
need_root
spare_uid 61500 61549
replay_as "$SPARE_UID" el7-snap-core22-clone3 pthread_create EPERM
expect verdict=seccomp_or_policy family=denial call=pthread_create errno=EPERM confidence=medium \
	binding="snapd's profile for snap joplin-desktop" evidence='it runs as snap joplin-desktop' \
	evidence='has no clone3' advice='canonical/snapd pull 12505' advice='`snap install joplin-desktop`' \
	advice='does not help: seccomp filters stack' not_advice='--security-opt' not_advice='`systemctl edit' \
	not_verdict=rlimit_nproc rec.process.seccomp=2 rec.process.exe=/snap/joplin-desktop/105/joplin \
	rec.kernel=3.10.0-1160.80.1.el7.x86_64
explain_reads '[17912:0227/235251.409667:ERROR:platform_thread_posix.cc(155)] pthread_create: Operation not permitted (1)' \
	'Chrome / Chromium' seccomp_or_policy 'clone3'
# snap-exec's own death in canonical/snapd pull 10845: a snap is among the filters named.
explain_reads 'runtime/cgo: pthread_create failed: Operation not permitted' 'Go (cgo)' seccomp_or_policy \
	"a snap's profile compiled with an old libseccomp" 'installed again'
