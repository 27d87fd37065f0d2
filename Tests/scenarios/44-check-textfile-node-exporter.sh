# forkexplain check --textfile-dir read by the real thing: Debian's
# prometheus-node-exporter, with only its textfile collector, on a free
# loopback port, scraped with curl. The forkexplain series must carry the
# numbers of a pids cgroup made here (pids.current, pids.max, pids.peak,
# one refused fork in pids.events), no unbounded label, and pass
# `promtool check metrics`. A target that cannot be read leaves status 3
# (UNKNOWN) in the file; an unwritable directory is UNKNOWN too.
. "$(dirname "$0")/lib.sh"
need_root
need prometheus-node-exporter
need promtool
need curl
pids_cgroup "forkexplain-prom-$$" 8 6
cg=$CG
holder=$HOLDER
# One refused fork: a process joins at the limit (joining is not refused)
# and forks once.
echo 6 >"$cg/pids.max"
"$PYTHON" - "$cg/cgroup.procs" <<'PY' || fail "the fork at the limit was not refused"
import errno, os, sys
open(sys.argv[1], "w").write(str(os.getpid()))
try:
    pid = os.fork()
except OSError as e:
    sys.exit(0 if e.errno == errno.EAGAIN else 1)
if pid == 0:
    os._exit(0)
os.waitpid(pid, 0)
sys.exit(1)
PY
echo 8 >"$cg/pids.max"
grep -qx 'max 1' "$cg/pids.events" || fail "pids.events does not count the refusal: $(cat "$cg/pids.events")"

textfiles="$WORK/textfile"
mkdir "$textfiles"
port=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
prometheus-node-exporter --web.listen-address="127.0.0.1:$port" --collector.disable-defaults \
	--collector.textfile --collector.textfile.directory="$textfiles" >"$WORK/node-exporter.log" 2>&1 &
exporter=$!
on_exit "kill_tree $exporter"
scrape() {
	curl -sf --max-time 5 "http://127.0.0.1:$port/metrics" >"$1"
}
exporter_up() {
	kill -0 "$exporter" 2>/dev/null || fail "node_exporter exited: $(cat "$WORK/node-exporter.log")"
	scrape "$WORK/scrape0.txt"
}
wait_for 60 exporter_up || fail "node_exporter did not answer on 127.0.0.1:$port: $(cat "$WORK/node-exporter.log")"

status=0
"$FORKEXPLAIN" check --pid "$holder" --textfile-dir "$textfiles" >"$WORK/check.txt" || status=$?
[ "$status" = 0 ] || fail "check exited $status at 6 of 8 tasks, expected 0: $(cat "$WORK/check.txt")"
head -n 1 "$WORK/check.txt" | grep -q '^FORKEXPLAIN OK - .* | .*cgroup_pids_depth1=6;6;7;0;8' ||
	fail "no plugin line with the cgroup's perfdata: $(head -n 1 "$WORK/check.txt")"
[ "$(stat -c %a "$textfiles/forkexplain.prom")" = 644 ] || fail "the textfile is not readable by node_exporter's user"
[ "$(ls -A "$textfiles")" = forkexplain.prom ] || fail "a temporary file was left behind: $(ls -A "$textfiles")"
scrape "$WORK/scrape.txt" || fail "the scrape failed"

"$PYTHON" - "$WORK/scrape.txt" "$cg" <<'PY' || fail "the scraped series do not match the cgroup: $(grep forkexplain "$WORK/scrape.txt")"
import os, re, sys
scrape, cg = sys.argv[1], sys.argv[2]
series = {}
for line in open(scrape):
    m = re.match(r'^(\w+)(?:\{(.*)\})? (\S+)$', line.strip())
    if not m or line.startswith("#"):
        continue
    labels = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', m.group(2) or ""))
    series.setdefault(m.group(1), []).append((labels, float(m.group(3))))
def one(name, **labels):
    rows = [v for l, v in series.get(name, []) if all(l.get(k) == w for k, w in labels.items())]
    assert len(rows) == 1, (name, labels, series.get(name))
    return rows[0]
def read(name):
    return open(os.path.join(cg, name)).read()
assert one("node_textfile_scrape_error") == 0
assert one("forkexplain_check_status") == 0
assert one("forkexplain_cgroup_pids_current", depth="1") == int(read("pids.current")) == 6
assert one("forkexplain_cgroup_pids_limit", depth="1") == 8
if os.path.exists(os.path.join(cg, "pids.peak")):
    assert one("forkexplain_cgroup_pids_peak", depth="1") == int(read("pids.peak")) >= 7
events = dict(l.split() for l in read("pids.events").splitlines())
assert one("forkexplain_cgroup_pids_max_events_total", depth="1") == int(events["max"]) == 1
local = os.path.join(cg, "pids.events.local")
if os.path.exists(local):
    events = dict(l.split() for l in open(local).read().splitlines())
    assert one("forkexplain_cgroup_pids_max_events_local_total", depth="1") == int(events["max"])
else:
    assert "forkexplain_cgroup_pids_max_events_local_total" not in series
assert one("forkexplain_tasks", limit="cgroup_pids", place="cgroup", depth="1") == 6
assert one("forkexplain_tasks_limit", limit="cgroup_pids", place="cgroup", depth="1") == 8
assert one("forkexplain_limit_usage_ratio", limit="cgroup_pids", place="cgroup", depth="1") == 0.75
assert one("forkexplain_tasks_limit", limit="threads_max", place="host") == int(open("/proc/sys/kernel/threads-max").read())
# Bounded labels only: no pid, no path, no inode.
allowed = {"limit", "place", "depth"}
for name, rows in series.items():
    if name.startswith("forkexplain_"):
        for labels, _ in rows:
            assert set(labels) <= allowed, (name, labels)
            assert all("/" not in v and "[" not in v for v in labels.values()), (name, labels)
print("ok:", len([n for n in series if n.startswith("forkexplain_")]), "forkexplain families")
PY
promtool check metrics <"$WORK/scrape.txt" >"$WORK/promtool.txt" 2>&1 ||
	fail "promtool check metrics rejects the scrape: $(cat "$WORK/promtool.txt")"

# The host's pid_max line counts the tasks below 300 (docs/kernel-facts.md
# §6.17) as /proc lists them, threads included. One glob of every task
# (printf is a builtin: no status of its own to fail): before, an `ls` of
# each process's task directory failed when that process exited
# meanwhile, and if it was the last one listed, pipefail and set -e ended
# the scenario without a word (2 runs in 40 with other suites running).
low_tasks() { printf '%s\n' /proc/[0-9]*/task/[0-9]* | awk -F/ '$5 < 300' | wc -l; }
before=$(low_tasks)
"$FORKEXPLAIN" check --format json >"$WORK/host.json" || true
after=$(low_tasks)
"$PYTHON" - "$WORK/host.json" "$before" "$after" <<'PY' || fail "the host's pid_max line does not count the tasks below 300"
import json, re, sys
rows = [l for l in json.load(open(sys.argv[1]))["limits"] if l["limit"] == "pid_max" and l["scope"] == "host"]
low = int(re.search(r"\+ (\d+) tasks below 300", rows[0]["source"]).group(1))
pid_max = int(open("/proc/sys/kernel/pid_max").read())
lo, hi = sorted((int(sys.argv[2]), int(sys.argv[3])))
assert lo <= low <= hi and rows[0]["max"] == pid_max - 300 + low, (low, lo, hi, rows)
PY

# A target that cannot be read: the file says UNKNOWN, not the old answer.
status=0
"$FORKEXPLAIN" check --pid 999999999 --textfile-dir "$textfiles" >"$WORK/out" 2>"$WORK/err" || status=$?
[ "$status" = 3 ] || fail "a missing pid gave status $status"
grep -q '^FORKEXPLAIN UNKNOWN - no process 999999999' "$WORK/out" || fail "no UNKNOWN plugin line: $(cat "$WORK/out")"
scrape "$WORK/scrape3.txt" || fail "the scrape failed"
grep -qx 'forkexplain_check_status 3' "$WORK/scrape3.txt" || fail "the textfile does not say UNKNOWN: $(grep forkexplain "$WORK/scrape3.txt")"
! grep -q '^forkexplain_tasks' "$WORK/scrape3.txt" || fail "the old numbers outlived an UNKNOWN check"

status=0
"$FORKEXPLAIN" check --textfile-dir "$WORK/missing-dir" >"$WORK/out" 2>"$WORK/err" || status=$?
[ "$status" = 3 ] && [ "$(grep -c . "$WORK/err")" = 1 ] && grep -q "cannot write the textfile" "$WORK/err" ||
	fail "an unwritable textfile directory gave status $status: $(cat "$WORK/err")"
echo "ok: node_exporter serves check's textfile: cgroup at 6 of 8, peak, 1 refusal counted, promtool clean; UNKNOWN written as 3"
