# A Nomad docker-driver task on a client whose `alloc_dir` is not named
# `alloc` (docs/kernel-facts.md §11.202), made for real: a container whose
# root is a directory of the work dir (rootfs_fill: its own cgroup, mount
# and PID namespaces, pids.max 8 on its level, docker's /.dockerenv in its
# root) with the allocation's shared directory bound over /alloc and the
# task's own over /local, as the docker driver's containerBinds() does,
# from <alloc_dir>/<allocID>/alloc and <alloc_dir>/<allocID>/web/local
# with alloc_dir .../srv/nomad-allocs. Before, the reader asked for a
# directory named `alloc` above the allocation id and named only "docker
# container" with `docker update`; /alloc and /local are Nomad's own mount
# points, so their roots name the task whatever alloc_dir is called.
# `report` and `check` inside must name Nomad task "web" and give the
# job's pids_limit.
. "$(dirname "$0")/lib.sh"
need_root
need unshare
need chroot

pids_leaf_8 "forkexplain-293-$$"

alloc=7d3e1c5a-9b2f-4e8d-a6c1-3f5b7d9e0a24
data="$WORK/srv/nomad-allocs/$alloc"
root="$WORK/docker/rootfs"
mkdir -p "$data/alloc" "$data/web/local" "$root"
touch "$root/.dockerenv"

rootfs_fill "$leaf" "-p -f" "$root" "mkdir $root/alloc $root/local
		mount --bind $data/alloc $root/alloc
		mount --bind $data/web/local $root/local"
[ ! -e /alloc ] && [ ! -e /local ] || fail "/alloc or /local exists on the host"

"$PYTHON" - "$LOG" <<'PY' || fail "the record does not carry /alloc's and /local's roots"
import json, sys
rec = next(json.loads(l) for l in open(sys.argv[1]) if '"type":"failure"' in l)
roots = rec["container"]["bind_roots"]
alloc = "/srv/nomad-allocs/7d3e1c5a-9b2f-4e8d-a6c1-3f5b7d9e0a24"
ok = roots.get("/alloc", "").endswith(alloc + "/alloc") and roots.get("/local", "").endswith(alloc + "/web/local")
sys.exit(0 if ok else print(roots) or 1)
PY
expect verdict=cgroup_pids_limit call=fork errno=EAGAIN rec.cgroups.pids.0.path=/ rec.cgroups.pids.0.max=8 \
	advice="Nomad started this container with its docker driver (Nomad task \"web\" (allocation $alloc))" \
	advice="the job's \`pids_limit = 72\` in the task's \`config\` block" \
	not_advice='(or `pids_limit:` in compose' not_advice='echo 72 >'
report_workload "docker container, Nomad task \"web\" (allocation $alloc)"

check_names "Nomad task \"web\" (allocation $alloc)" "the Nomad task"
check_names "the job's \`pids_limit = 72\`" "the job's pids_limit"
echo "ok: a Nomad docker task under an alloc_dir not named alloc, named by its /alloc and /local binds in report and check, with the job's pids_limit"
