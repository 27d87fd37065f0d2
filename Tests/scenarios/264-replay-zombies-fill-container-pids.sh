# Two containers whose PID 1 reaps nothing but its own children, every
# orphan a zombie holding a PID against the container's pids limit:
# PikoCI's runner, "9,237 defunct git processes ... (pids.current = 9249,
# pids.max = 9250). Every fork() after that failed with `can't fork:
# Resource temporarily unavailable`" (https://github.com/PikoCI/pikoci/issues/681),
# and rehor's Python bot, "303 zombie git processes consuming 493/500 PID
# capacity" (https://github.com/OpenShift-Fleet/rehor/pull/69); both fixed
# with tini as PID 1 (docs/kernel-facts.md §11.167). The zombies are most
# of what the limit counts: reaping them comes first, the engine's higher
# limit only after, and check is critical on the container's own level.
. "$(dirname "$0")/lib.sh"

# first_fix PREFIX: the cgroup_pids_limit verdict's first fix starts so.
first_fix() {
	"$PYTHON" - "$WORK/report.json" "$1" <<'PY' || fail "the first fix is not '$1'"
import json, sys
events = json.load(open(sys.argv[1]))["events"]
advice = next(e for e in events if e.get("verdict") == "cgroup_pids_limit")["advice"]
sys.exit(0 if advice[0].startswith(sys.argv[2]) else print(advice[:2]) or 1)
PY
}

replay pikoci-zombies-pid1 fork EAGAIN
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN binding='docker container' \
	evidence='pids.current 9249 < pids.max 9250' evidence='within 2 of it and has refused forks before' \
	evidence="pikoci (pid 1)'s 9237 unreaped children are 99 % of the 9249 tasks the limit counts" \
	advice='Reap the zombies first: pikoci (pid 1) has 9237 unreaped children' advice='`docker run --init`' \
	advice='docker update --pids-limit' not_verdict=memory_exhausted rec.top.zombies=9237 \
	rec.cgroups.pids.0.max=9250 rec.cgroups.pids.0.current=9249
first_fix 'Reap the zombies first'
check_crit 'CRIT pids.max /: 9249 of 9250 (99 %)'

replay rehor-zombies-500 fork EAGAIN
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN binding='podman container' \
	evidence='pids.current 500 = pids.max 500' \
	evidence="python3 (pid 1)'s 303 unreaped children are 60 % of the 500 tasks the limit counts" \
	advice='Reap the zombies first: python3 (pid 1) has 303 unreaped children' advice='podman update --pids-limit' \
	rec.top.zombies=303 rec.cgroups.pids.0.max=500
first_fix 'Reap the zombies first'
check_crit 'CRIT pids.max /: 500 of 500 (100 %)'
echo "ok: 9237 of 9249 and 303 of 500 zombies of PID 1: an init first, the container's limit after"
