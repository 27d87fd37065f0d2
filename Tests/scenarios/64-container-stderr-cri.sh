# A program in a container whose shim logs to its stderr
# (FORKEXPLAIN_LOG=-), the way a pod without a log volume runs it: python
# in a pids cgroup of its own really fails to start a thread, its own lines on
# stdout and stderr between the records. cri_log.py writes both streams
# as containerd writes a container's log file (the CRI format, cited in
# docs/shipping.md), once with containerd's default line size and once
# with a small max_container_log_line_size, so that every record is cut
# into P pieces. `forkexplain report -` on each file must name the verdict,
# say the records came from CRI lines, count the program's lines as not
# records, and agree with the same stderr read bare.
. "$(dirname "$0")/lib.sh"
need_root

find_pids_hierarchy
cg="$PIDS_MNT/forkexplain-64-$$"
mkdir "$cg"
on_exit "rmdir '$cg'"
on_exit "empty_cgroup '$cg'"
# python's main thread and three workers, then pthread_create fails with EAGAIN.
echo 4 >"$cg/pids.max"

cat >"$WORK/app.py" <<'PY'
import sys, threading
print("app: starting worker threads", flush=True)
done = threading.Event()
workers = []
try:
    while len(workers) < 20:
        worker = threading.Thread(target=done.wait)
        worker.start()
        workers.append(worker)
        print("app: worker", len(workers), "up", flush=True)
except RuntimeError as e:
    print("app: ERROR cannot start a worker:", e, file=sys.stderr, flush=True)
done.set()
for worker in workers:
    worker.join()
print("app: stopped", file=sys.stderr, flush=True)
PY

# container LOG MAXLEN: the app in the cgroup, its output as containerd logs it.
container() {
	timeout 60 "$PYTHON" "$TOP/Tests/scenarios/cri_log.py" "$1" "$2" -- bash -c "
		echo \$\$ > '$cg/cgroup.procs'
		FORKEXPLAIN_LOG=- LD_PRELOAD='$SHIM' exec '$PYTHON' '$WORK/app.py'" ||
		fail "the container did not run: $(tail -n 5 "$1")"
}

# summary JSON: verdicts, envelopes, other and malformed lines, one line.
summary() {
	"$PYTHON" -c 'import json,sys
r = json.load(open(sys.argv[1]))
s = r["summary"]
print(" ".join(sorted(set(i["verdict"] for i in r["incidents"]))), len(r["events"]),
      ",".join("%s=%d" % (e["envelope"], e["records"]) for e in s.get("envelopes", [])),
      "other=%d" % sum(f["other_lines"] for f in r["files"]), "malformed=%d" % r["malformed_lines"])' "$1"
}

for maxlen in 16384 512; do
	pod="$WORK/0-$maxlen.log"
	container "$pod" "$maxlen"
	grep -q ' stdout F app: starting worker threads$' "$pod" || fail "no CRI line of the app's stdout in $pod: $(head -n 3 "$pod")"
	grep -q ' stderr F app: ERROR cannot start a worker' "$pod" || fail "the app's thread did not fail to start: $(cat "$pod")"
	records=$(grep -c ' stderr [PF] {"schema":1,"type":"failure"' "$pod" || true)
	[ "$records" -ge 1 ] || fail "no record on the app's stderr in $pod: $(head -c 600 "$pod")"
	if [ "$maxlen" = 512 ]; then
		grep -q ' stderr P {"schema":1' "$pod" || fail "no record was cut into P pieces at $maxlen bytes"
	fi
	"$FORKEXPLAIN" report --format json - <"$pod" >"$WORK/cri.json" || fail "report - on the CRI log exited $?"
	got=$(summary "$WORK/cri.json")
	# Every line ends in one F line; those that are not records are the app's.
	lines=$(grep -cE '^[^ ]+ std(out|err) F ' "$pod")
	want="cgroup_pids_limit $records cri=$records other=$((lines - records)) malformed=0"
	[ $((lines - records)) -ge 4 ] || fail "the app wrote fewer lines of its own than expected: $(cat "$pod")"
	[ "$got" = "$want" ] || fail "report - on the CRI log ($maxlen): $got, expected $want"
	first=$("$FORKEXPLAIN" report - <"$pod" | head -n 1)
	case "$first" in
	*"cgroup_pids_limit $records"*"records from CRI (containerd, CRI-O) $records") ;;
	*) fail "the summary line does not name the verdict and the CRI records: $first" ;;
	esac
done

# The same stderr, bare (FORKEXPLAIN_LOG=- in a terminal, or `journalctl -o cat`).
timeout 60 bash -c "echo \$\$ > '$cg/cgroup.procs'
	FORKEXPLAIN_LOG=- LD_PRELOAD='$SHIM' exec '$PYTHON' '$WORK/app.py'" >"$WORK/out" 2>"$WORK/err" || fail "the app did not run"
"$FORKEXPLAIN" report --format json - <"$WORK/err" >"$WORK/bare.json" || fail "report - on the bare stderr exited $?"
bare=$(summary "$WORK/bare.json")
own=$(grep -vc '^{"schema":' "$WORK/err")
[ "$own" = 2 ] || fail "the app's stderr holds $own lines of its own, expected 2: $(cat "$WORK/err")"
[ "$bare" = "cgroup_pids_limit $records  other=$own malformed=0" ] || fail "report - on the bare stderr: $bare"
# The text report of it: the holders are every process on the host, not
# the cgroup's, and the one closing line counts the app's own lines only.
"$FORKEXPLAIN" report --color never - <"$WORK/err" >"$WORK/bare.txt" || fail "report - (text) exited $?"
grep -q '^  Top PID holders on the host (every process, in this cgroup or not):$' "$WORK/bare.txt" ||
	fail "the report does not say whose holders it lists: $(grep -A1 'Top PID' "$WORK/bare.txt")"
# The closing line, above the one naming the symbolizer where it named frames.
closing=$(grep -v -e "^llvm-symbolizer: " -e "^$" "$WORK/bare.txt" | tail -n 1) || true
[ "$closing" = "Lines that are not records (the program's own output): $own in standard input." ] ||
	fail "the closing line is not the app's own lines alone: $closing"
! grep -qE 'events? \(' "$WORK/bare.txt" || fail "the report counts 'events': $(grep -E 'events? \(' "$WORK/bare.txt")"
echo "ok: python's failed thread in a pids cgroup, its records on stderr between its own lines, logged as containerd does (whole and in P pieces): report - gives cgroup_pids_limit from $records CRI records and counts the app's lines apart"
