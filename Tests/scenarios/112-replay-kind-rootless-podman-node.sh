# kind with rootless podman on RHEL 8.6 (kernel 4.18, cgroup v2): JBoss in
# a pod fails "OutOfMemoryError: unable to create native thread: possibly
# out of memory or process/resource limits reached"
# (github.com/kubernetes-sigs/kind/issues/2896, fixed by `pids_limit=0` in
# containers.conf; kind later passes --pids-limit -1, kind#2830). podman's
# pids_limit 2048 on the node container counts every pod; the JBoss
# container's own level says max, and before 6.11 its pids.events counts
# the refusals from above. A hidden limit above, high confidence, whose
# first fix is the node container's, with the rootless user's
# containers.conf.
. "$(dirname "$0")/lib.sh"
replay kind-rootless-podman pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN confidence=high \
	binding='a level above this container' evidence='pids.events max 6' evidence='itself a podman container' \
	advice='itself a podman container' advice='podman update --pids-limit -1' \
	advice='~/.config/containers/containers.conf' not_verdict=rlimit_nproc not_verdict=memory_exhausted \
	rec.cgroups.pids.0.max=max rec.kernel=4.18.0-372.9.1.el8.x86_64
