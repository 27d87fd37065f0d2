# The leak count advised for a full pids level reads cgroup.procs under the
# directory the failing process logged and feeds the pids to ps: right only
# where the process ran (docs/kernel-facts.md §11.18). Here a container is
# made for real (a cgroup namespace and a mount namespace, the v1 pids
# hierarchy mounted at its leaf, as runc does with cgroupns=private) whose
# own cgroup has pids.max 6; python forks in it until refused and keeps its
# children. The advice must send the count inside the container (not "on
# this host"), and the command it gives, typed from the host as advised
# (nsenter into the process's namespaces, PID its pid on the host),
# counts the holder's 6 tasks; the same ps typed on the host, where the
# path is the host's whole pids hierarchy, counts every process there.
. "$(dirname "$0")/lib.sh"
need_root
need unshare
need nsenter

find_pids_hierarchy
[ "$PIDS_VERSION" = 1 ] || fail "no cgroup v1 pids hierarchy on this machine; this scenario needs one"
leaf="$PIDS_MNT/forkexplain-138-$$"
mkdir "$leaf"
on_exit "rmdir '$leaf'"
on_exit "for p in \$(cat '$leaf/cgroup.procs'); do kill -KILL \$p; done; sleep 0.3"
echo 6 >"$leaf/pids.max"

# Forks until refused, says so, and holds its children until $WORK/release
# exists. Run by a name of its own (the comm is the name it was started
# by), so that no other python on the host passes for it.
ln -s "$PYTHON" "$WORK/fx-holder-138"
cat >"$WORK/holder.py" <<'PY'
import os, sys, time
release = sys.argv[1]
children = []
while len(children) < 20:
    try:
        pid = os.fork()
    except OSError as e:
        print("refused", e.errno, "after", len(children), flush=True)
        break
    if pid == 0:
        while not os.path.exists(release):
            time.sleep(0.05)
        os._exit(0)
    children.append(pid)
for _ in range(4800):  # 240 s, run.sh's bound on a scenario: never before the release
    if os.path.exists(release):
        break
    time.sleep(0.05)
for pid in children:
    os.waitpid(pid, 0)
PY
FORKEXPLAIN_LOG="$LOG" in_v1_container "$leaf" \
	"LD_PRELOAD=$SHIM FORKEXPLAIN_BACKTRACE=0 exec $WORK/fx-holder-138 $WORK/holder.py $WORK/release" >"$WORK/out" 2>&1 &
container=$!
on_exit "touch '$WORK/release'; kill_tree $container"
wait_for 120 grep -q '^refused' "$WORK/out" || true
expect_output "$WORK/out" '^refused 11 after 5$'

expect verdict=cgroup_pids_limit call=fork errno=EAGAIN rec.cgroups.pids.0.path=/ rec.cgroups.pids.0.max=6 \
	rec.cgroups.pids.0.dir=/sys/fs/cgroup/pids advice='inside the container, where /sys/fs/cgroup/pids is the path' \
	not_advice='as root on this host'
count=$(advised cgroup_pids_limit 'ps -L .*find /sys/fs/cgroup/pids -name cgroup\.procs.*')
enter=$(advised cgroup_pids_limit "nsenter --target PID --mount --pid -- sh -c '\.\.\.'")

# As advised, from the host: PID is python's pid on the host (the record's:
# the container has no PID namespace of its own), '...' the count.
python_pid=$("$PYTHON" -c 'import json, sys; print(json.loads(open(sys.argv[1]).readline())["process"]["pid"])' "$LOG")
[ "$(awk -F: '$2 == "pids" { print $3 }' "/proc/$python_pid/cgroup")" = "/${leaf##*/}" ] ||
	fail "process $python_pid is not the container's python: $(cat "/proc/$python_pid/cgroup")"
shopt -u patsub_replacement 2>/dev/null || true
typed=${enter/PID/$python_pid}
typed=${typed/.../$count}
eval "$typed" >"$WORK/inside.txt" 2>&1 || fail "the advised count failed: $typed: $(cat "$WORK/inside.txt")"
[ "$(awk '{ print $1, $3 }' "$WORK/inside.txt")" = "6 fx-holder-138" ] ||
	fail "the advised count, run as advised, does not count the holder's 6 tasks: $typed: $(cat "$WORK/inside.txt")"

# The same count typed on the host reads the host's whole hierarchy.
bash -c "$count" >"$WORK/host.txt" 2>&1 || true
host_tasks=$(awk '{ n += $1 } END { print n + 0 }' "$WORK/host.txt")
[ "$host_tasks" -gt 6 ] || fail "on the host the count should take in every process, it gave: $(cat "$WORK/host.txt")"
touch "$WORK/release"
wait "$container" || true
echo "ok: the leak count is sent inside the container; typed as advised it counts the holder's 6 tasks (on the host: $host_tasks)"
