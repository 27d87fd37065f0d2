# OpenWA in docker compose with `pids_limit: 512` (Docker Desktop, cgroup
# v2): one headless Chromium per WhatsApp session, and a new session fails
# "Failed to launch the browser process: Code: null"; four sessions sat
# near 512 PIDs in `docker stats` and raising the limit resolved it
# (github.com/rmyndharis/OpenWA/issues/636, pull 652). Replayed at the new
# browser's first thread: cgroup_pids_limit at the container's own level,
# the compose pids_limit as the fix, and the chrome processes counted
# together rather than one of them called a leak (each a pool of 16 to 34
# threads, the pool reading of docs/kernel-facts.md §11.183). `explain` on the line
# (no errno in it) must put the pids limit first, not memory.
. "$(dirname "$0")/lib.sh"
replay openwa-chromium-pids-512 pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN confidence=high \
	binding="this container's own cgroup" binding='docker container' evidence='pids.current 512 = pids.max 512' \
	evidence='pids.events max 7' advice='`pids_limit:` in compose' advice='docker update --pids-limit 1024' \
	advice='8 chrome processes of' advice='hold 200 of the 512 tasks pids.max of / counts' \
	advice='`--renderer-process-limit=N`' advice='Raise the limit only past what they need together' \
	not_evidence='DefaultTasksMax' not_verdict=rlimit_nproc not_family=oom \
	rec.cgroups.pids.0.max=512 rec.cgroups.pids.0.current=512 rec.process.comm=chrome
"$FORKEXPLAIN" report "$LOG" >"$WORK/text" || fail "the text report failed"
grep -q 'cgroup_pids_limit — cgroup pids limit reached at /' "$WORK/text" && grep -q 'pids_limit:' "$WORK/text" ||
	fail "the text report does not name the container's pids limit: $(head -20 "$WORK/text")"
"$FORKEXPLAIN" explain "Error: Failed to launch the browser process: Code: null" >"$WORK/explain" ||
	fail "explain failed on the thread's line"
grep -q 'printed by Chrome / Chromium' "$WORK/explain" || fail "explain does not name Chrome: $(head -3 "$WORK/explain")"
grep -q "Puppeteer's \`Code: null\` says the browser died of a signal" "$WORK/explain" ||
	fail "explain does not say what Code: null means: $(head -3 "$WORK/explain")"
first=$(grep -m1 -E '^1\. ' "$WORK/explain")
case "$first" in
*"[cgroup_pids_limit]"*) ;;
*) fail "explain's first cause is not the pids limit: $first" ;;
esac
