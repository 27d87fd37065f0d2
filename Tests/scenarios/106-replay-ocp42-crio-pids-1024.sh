# OpenShift 4.2 (RHCOS, kernel 4.18, cgroup v1, CRI-O): a JVM stops at
# about 1000 threads, "OutOfMemoryError: unable to create new native
# thread", where OpenShift 3.11 (docker) allowed 4000+
# (github.com/openshift/origin/issues/24360). CRI-O's pids_limit 1024 on
# every container's own cgroup. cgroup_pids_limit at the crio scope, the
# JVM that holds most of it first (its pools, docs/kernel-facts.md
# §11.184), then CRI-O's pids_limit (OpenShift's ContainerRuntimeConfig)
# first of the limit's fixes: kubelet's podPidsLimit limits the pod, not
# this level.
. "$(dirname "$0")/lib.sh"
replay ocp42-crio-pids pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN confidence=high \
	binding='CRI-O container' evidence='pids.current 1024 = pids.max 1024' \
	advice='ContainerRuntimeConfig' advice='pids_limit = 2048' not_verdict=memory_exhausted \
	rec.cgroups.pids.0.max=1024
"$PYTHON" - "$WORK/report.json" <<'PY' || fail "the JVM is not the first fix, or CRI-O's own knob not the first of the limit's"
import json, sys
events = json.load(open(sys.argv[1]))["events"]
advice = next(e for e in events if e.get("verdict") == "cgroup_pids_limit")["advice"]
sys.exit(0 if advice[0].startswith("One process holds most") and "CRI-O sets it" in advice[1] else print(advice[:2]) or 1)
PY
