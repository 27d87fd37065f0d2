# minikube with the podman driver and CRI-O (Fedora, kernel 6.11, cgroup
# v2): a JVM's "pthread_create failed (EAGAIN)", dmesg "fork rejected by
# pids controller in /libpod_parent/libpod-6136e16.../kubepods.slice/...",
# fixed by `podman run --pids-limit -1`
# (github.com/kubernetes/minikube/issues/19820). The limit is podman's
# 2048 on the minikube node container, above the pod; the JVM's own level
# says max and on 6.11 nothing below the refusing level counts. A hidden
# limit above, whose first fix names the node container (kubelet's files
# lie in podman volume minikube), not the JVM's heap or ulimit -u.
. "$(dirname "$0")/lib.sh"
replay minikube-podman-nested pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN confidence=low \
	binding='a level above this container' evidence='pids.events is hierarchical' \
	advice='itself a podman container' advice='podman update --pids-limit -1 minikube' \
	advice='pids_limit = -1' not_verdict=rlimit_nproc not_verdict=memory_exhausted \
	rec.cgroups.pids.0.max=max rec.kernel=6.11.3-200.fc40.x86_64
