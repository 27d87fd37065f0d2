# A Nomad docker-driver task in host networking with no `dns` block
# (docs/kernel-facts.md §11.185), seen from inside its container: docker's
# own /etc/hostname, /etc/hosts and /etc/resolv.conf, none from the
# allocation, so the marks of §11.158 are missing; but the docker driver
# binds the allocation's shared directory over /alloc and the task's own
# over /local in every container it starts (hashicorp/nomad
# drivers/docker/driver.go containerBinds()), and their mountinfo roots
# name the allocation and the task. A JVM of 250 threads holds the job's
# pids_limit 256 (§11.184). report and check must name the Nomad task
# and give the job's pids_limit, not docker's `--pids-limit`, with the
# JVM's own threads first.
. "$(dirname "$0")/lib.sh"

alloc=5c0e8f1a-3b7d-4e2c-9a61-0f4d2b8c7e13
id=$("$PYTHON" -c 'import sys; sys.path.insert(0, sys.argv[1]); from kubev2 import NOMAD_DOCKER_ID; print(NOMAD_DOCKER_ID)' "$TOP/Tests/scenarios")
data="/opt/nomad/data/alloc/$alloc"

replay nomad-v2-docker-host-net-full pthread_create EAGAIN
expect verdict=cgroup_pids_limit call=pthread_create errno=EAGAIN \
	advice="Nomad started this container with its docker driver (Nomad task \"api\" (allocation $alloc))" \
	advice="the job's \`pids_limit = 512\` in the task's \`config\` block" advice='plugin "docker"' \
	advice='One process holds most of what pids.max of / counts: java (pid 1) has 250 threads, 98 % of the 256' \
	advice='`-XX:ActiveProcessorCount=N`' not_advice='at `docker run`' \
	rec.container.bind_roots./alloc="$data/alloc" rec.container.bind_roots./local="$data/api/local" \
	rec.container.bind_roots./etc/hosts="/var/lib/docker/containers/$id/hosts" rec.cgroups.pids.0.max=256
report_workload "docker container ${id:0:12}, Nomad task \"api\" (allocation $alloc)"
"$PYTHON" - "$WORK/report.json" <<'PY' || fail "the JVM's own threads are not the first fix"
import json, sys
advice = next(e for e in json.load(open(sys.argv[1]))["events"] if e["verdict"] == "cgroup_pids_limit")["advice"]
sys.exit(0 if advice[0].startswith("One process holds most") and "Nomad started" in advice[1] else print(advice[:2]) or 1)
PY

rc=0
FORKEXPLAIN_PROC_ROOT="$WORK/machine/proc" FORKEXPLAIN_SYS_ROOT="$WORK/machine/sys" \
	"$FORKEXPLAIN" check >"$WORK/check.txt" 2>&1 || rc=$?
[ "$rc" = 2 ] || fail "check exited $rc, not 2 (critical): $(cat "$WORK/check.txt")"
check_names "Nomad task \"api\" (allocation $alloc)" "the Nomad task"
check_names "the job's \`pids_limit = 512\`" "the job's pids_limit"
echo "ok: a Nomad docker task in host networking named by its /alloc and /local binds in report and check, the job's pids_limit its fix, the JVM's threads first"
