# A Kubernetes pod's container seen from inside (docs/kernel-facts.md
# §11.195, §11.196), made for real: its own cgroup, mount and UTS
# namespaces, the v1 pids hierarchy mounted at its leaf (pids.max 8), the
# hostname a pod's name, and kubelet's service account mount
# /var/run/secrets/kubernetes.io/serviceaccount made on a tmpfs over /run
# inside that mount namespace only (/var/run is /run). No path names the
# pod's uid. python forks until refused; `report` and `check` inside must
# name a Kubernetes pod by its hostname, give kubelet's podPidsLimit and
# the kubectl lookup by that name, and say the limit is set outside.
. "$(dirname "$0")/lib.sh"
need_root
need unshare

[ "$(readlink -f /var/run)" = /run ] || fail "/var/run is not /run on this machine; this scenario mounts only over /run"
own_root_fill 287 "-u" "hostname api-7d9f8-x2kqp
		mkdir -p /run/secrets/kubernetes.io/serviceaccount"
[ ! -e /run/secrets/kubernetes.io ] || fail "the service account mount appeared on the host's /run"
[ "$(hostname)" != api-7d9f8-x2kqp ] || fail "the host's hostname changed"

expect verdict=cgroup_pids_limit call=fork errno=EAGAIN rec.cgroups.pids.0.path=/ rec.cgroups.pids.0.max=8 \
	rec.host=api-7d9f8-x2kqp advice='`podPidsLimit: 72` in the KubeletConfiguration' \
	advice='`kubectl get pods -A --field-selector metadata.name=api-7d9f8-x2kqp`' not_advice='echo 72 >' \
	not_advice='docker update'
report_workload "a Kubernetes pod (hostname api-7d9f8-x2kqp, by default the pod's name)"

check_names "the tightest pids level, /, is a Kubernetes pod (hostname api-7d9f8-x2kqp, by default the pod's name)'s pids limit (room for " \
	"the pod by its hostname"
check_names "This is the container's own pids limit, set outside it by whoever started it: it cannot be raised from inside" \
	"the limit as set outside"
check_names '`podPidsLimit: 72` in the KubeletConfiguration' "kubelet's knob"
echo "ok: report and check inside name the Kubernetes pod api-7d9f8-x2kqp by kubelet's service account mount, with podPidsLimit, set outside"
