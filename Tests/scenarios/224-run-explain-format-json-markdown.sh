# `explain --format json|markdown` on a failure made here for real: python3
# in a pids cgroup of this scenario's at its pids.max (3: the holder, one
# sleeper, python3 itself) is refused its os.fork() and prints CPython's
# traceback. The JSON must be one object that `python3 -m json.tool`
# accepts, holding what the text says (errno, kind, the lines read, the
# first cause and its checks); the Markdown must keep the lines read in a
# code block and the causes as a numbered list; the option before a dashed
# message must parse, and a bad value must be a usage error (status 2).
. "$(dirname "$0")/lib.sh"
need_root

pids_cgroup forkexplain-224-explain-format 3 2
rc=0
timeout 60 bash -c "echo \$\$ > '$CG/cgroup.procs'; exec $PYTHON -c 'import os; os.fork()'" \
	>"$WORK/out" 2>"$WORK/err" || rc=$?
[ "$rc" = 1 ] || fail "python3 was not refused its fork (rc $rc): $(cat "$WORK/err")"
grep -q '^BlockingIOError: \[Errno 11\] Resource temporarily unavailable$' "$WORK/err" ||
	fail "python3 did not print the refused fork's EAGAIN: $(cat "$WORK/err")"

# JSON: valid, one object, and what the text reads.
"$FORKEXPLAIN" explain --format json - <"$WORK/err" >"$WORK/json" || fail "explain --format json failed"
"$PYTHON" -m json.tool "$WORK/json" >/dev/null || fail "python3 -m json.tool refuses the JSON: $(cat "$WORK/json")"
[ "$(tail -c 2 "$WORK/json")" = "}" ] && [ "$(tail -c 1 "$WORK/json" | od -An -c | tr -d ' ')" = '\n' ] ||
	fail "the JSON does not end with the object and a newline"
"$PYTHON" - "$WORK/json" "$WORK/err" <<'PY' || fail "the JSON does not say what the text does: $(cat "$WORK/json")"
import json, sys
o = json.load(open(sys.argv[1]))
lines = open(sys.argv[2]).read().splitlines()
assert o["schema"] == 1, o["schema"]
assert o["errnos"] == ["EAGAIN"], o["errnos"]
assert o["kind"] == "process", o["kind"]
assert o["lines_total"] == len(lines), (o["lines_total"], len(lines))
read = [l["text"] for l in o["lines_read"]]
assert "BlockingIOError: [Errno 11] Resource temporarily unavailable" in read, read
assert o["causes"][0]["id"] == "cgroup_pids_limit", [c["id"] for c in o["causes"]]
assert any("pids.max" in c for c in o["causes"][0]["checks"]), o["causes"][0]["checks"]
assert o["not_a_task"] is None and o["known_cause"] is None
PY
"$FORKEXPLAIN" explain - <"$WORK/err" >"$WORK/text" || fail "explain failed"
sed -n '/Possible causes/,$p' "$WORK/text" | sed -n 2p | grep -q '\[cgroup_pids_limit\]' ||
	fail "the text does not list the cgroup first: $(cat "$WORK/text")"

# Markdown: the heading, the lines read in a block, the causes numbered.
"$FORKEXPLAIN" explain --format markdown - <"$WORK/err" >"$WORK/md" || fail "explain --format markdown failed"
[ "$(head -1 "$WORK/md")" = '## forkexplain explain' ] || fail "no heading: $(head -3 "$WORK/md")"
grep -qx '```text' "$WORK/md" || fail "the lines read are not in a code block: $(cat "$WORK/md")"
grep -qE '^[0-9]+\| BlockingIOError: \[Errno 11\] Resource temporarily unavailable$' "$WORK/md" ||
	fail "the Markdown does not quote the line read: $(cat "$WORK/md")"
grep -qE '^1\. \*\*.*\*\* \(`cgroup_pids_limit`\)' "$WORK/md" || fail "the first cause is not item 1: $(cat "$WORK/md")"
grep -qx '   ```sh' "$WORK/md" || fail "the checks are not a shell block under their item: $(cat "$WORK/md")"

# Parsing: the option, then a message starting with a dash; a bad value.
"$FORKEXPLAIN" explain --format json -bash: fork: retry: No child processes >"$WORK/dashed" ||
	fail "--format json before a dashed message did not parse"
"$PYTHON" -c 'import json, sys; o = json.load(open(sys.argv[1])); assert o["program"] == "bash", o' "$WORK/dashed" ||
	fail "the dashed message was not read as bash's: $(cat "$WORK/dashed")"
rc=0
"$FORKEXPLAIN" explain --format yaml EAGAIN >"$WORK/bad.out" 2>"$WORK/bad.err" || rc=$?
[ "$rc" = 2 ] && [ ! -s "$WORK/bad.out" ] || fail "--format yaml gave status $rc: $(cat "$WORK/bad.out")"
grep -q "'yaml' is invalid for '--format <format>'" "$WORK/bad.err" || fail "no clear error: $(cat "$WORK/bad.err")"
echo "ok: explain --format json and markdown of python3's refused fork in a pids cgroup"
