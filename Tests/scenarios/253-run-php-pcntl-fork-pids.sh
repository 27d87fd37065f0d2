# PHP's pcntl_fork() refused by a pids cgroup: PHP prints only the bare
# errno, `PHP Warning:  pcntl_fork(): Error 11 in FILE on line N`
# (ext/pcntl/pcntl.c), which explain read as no errno and no task at all
# (docs/kernel-facts.md §11.154). Reproduced for real with this machine's
# php under `forkexplain run` in a pids cgroup sized from a probe, a
# worker-manager-like script forking sleeping children (at most 64, each
# killed by the script or after 60 s). explain on PHP's own line must
# read EAGAIN from "Error 11", name PHP's pcntl_fork, a process, and list
# the cgroup's limit first; report must name the cgroup's limit.
. "$(dirname "$0")/lib.sh"
need_root
need php
php -r 'exit(function_exists("pcntl_fork") ? 0 : 1);' || fail "this php has no pcntl extension; .ci/run installs php-cli with it"
CGNAME="forkexplain-253-php-$$"
pids_cgroup "$CGNAME" max 2
probe_run_tasks
tasks=$RUN_TASKS

# php stands where sh stood: a limit a few tasks above the probe's leaves
# it room for one or two children before its fork is refused.
RUN_ENV= refused_at "$WORK/php.out" '^PHP Warning:  pcntl_fork\(\): Error 11 in ' \
	"$((tasks + 1)) $((tasks + 2)) $((tasks + 3))" \
	php -d display_errors=0 -d log_errors=1 "$PROGRAMS/pcntl_forks.php"
refused=$REFUSED
grep -q '^refused after [0-9]* children$' "$WORK/php.out" || fail "the script did not see its fork refused: $(cat "$WORK/php.out")"
echo "PHP's pcntl_fork was refused at pids.max $refused ($(grep '^refused after' "$WORK/php.out"))"
grep '^PHP Warning:  pcntl_fork' "$WORK/php.out" | head -n 1

line=$(grep '^PHP Warning:  pcntl_fork(): Error 11 in ' "$WORK/php.out" | head -n 1)
explain_reads "$line" "PHP (pcntl_fork)" cgroup_pids_limit 'EAGAIN' 'pcntl_fork\(\): Error N'
"$FORKEXPLAIN" explain --format json "$line" >"$WORK/explain.json" || fail "explain --format json failed"
"$PYTHON" - "$WORK/explain.json" <<'PY' || fail "explain's JSON does not read PHP's line as a refused process with EAGAIN: $(cat "$WORK/explain.json")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["errnos"][0] == "EAGAIN" and d["kind"] == "process" and d["not_a_task"] is None, d
PY

expect verdict=cgroup_pids_limit errno=EAGAIN binding="/$CGNAME" evidence="pids.max $refused"
echo "ok: PHP's real pcntl_fork refused at pids.max $refused under \`forkexplain run\`: explain read EAGAIN from \"Error 11\" and named PHP's pcntl_fork, report named the cgroup's limit"
