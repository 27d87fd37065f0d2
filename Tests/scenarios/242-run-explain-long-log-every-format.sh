# explain on a long log in every format: text and Markdown quote the same
# first 12 lines read and count the rest, JSON keeps them all
# (docs/design.md, `lines_read`). Real: python3 in a pids cgroup at its
# limit tries os.fork() 15 times, each refused with EAGAIN by this kernel,
# and logs each refusal between two lines of its own work, as a job runner
# does. main's `explain --format markdown` quoted all 15 lines read where
# the text stopped at 12.
. "$(dirname "$0")/lib.sh"
need_root

pids_cgroup "forkexplain-242-$$" 3 2
timeout 60 bash -c "echo \$\$ > '$CG/cgroup.procs'; exec $PYTHON -c '
import os
for i in range(1, 16):
    print(\"job %d: starting\" % i)
    try:
        os.fork() or os._exit(0)
        print(\"job %d: forked\" % i)
    except OSError as e:
        print(\"job %d: fork: %s\" % (i, e.strerror))
'" >"$WORK/log" 2>&1 || fail "python3 failed: $(cat "$WORK/log")"
[ "$(grep -c ': fork: Resource temporarily unavailable$' "$WORK/log")" = 15 ] ||
	fail "python3's 15 forks were not all refused with EAGAIN: $(cat "$WORK/log")"

"$FORKEXPLAIN" explain - <"$WORK/log" >"$WORK/text" || fail "explain failed"
"$FORKEXPLAIN" explain --format markdown - <"$WORK/log" >"$WORK/md" || fail "explain --format markdown failed"
"$FORKEXPLAIN" explain --format json - <"$WORK/log" >"$WORK/json" || fail "explain --format json failed"
for format in text md; do
	quoted=$(grep -cE '^ *[0-9]+\| job [0-9]+: fork: Resource temporarily unavailable$' "$WORK/$format")
	[ "$quoted" = 12 ] || fail "explain ($format) quotes $quoted lines read, not 12: $(cat "$WORK/$format")"
	grep -qE '^ *\(and 3 more\)$' "$WORK/$format" || fail "explain ($format) does not count the other 3: $(cat "$WORK/$format")"
	grep -q '^ *24| job 12: fork' "$WORK/$format" || fail "explain ($format) does not quote line 24, the 12th read"
done
"$PYTHON" - "$WORK/json" <<'PY' || fail "the JSON does not keep every line read: $(cat "$WORK/json")"
import json, sys
o = json.load(open(sys.argv[1]))
numbers = [line["number"] for line in o["lines_read"]]
assert numbers == [2 * i + 2 for i in range(15)], numbers
assert o["lines_total"] == 30, o["lines_total"]
assert o["lines_read"][-1]["text"] == "job 15: fork: Resource temporarily unavailable", o["lines_read"][-1]
PY
echo "ok: 15 real refused forks in a 30-line log: text and Markdown quote 12 and say (and 3 more), JSON keeps all 15"
