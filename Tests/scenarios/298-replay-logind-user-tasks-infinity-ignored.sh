# systemd 231's logind ignored `UserTasksMax=infinity`
# (https://github.com/systemd/systemd/issues/3833; docs/kernel-facts.md
# §11.212): "Failed to parse tasks maximum, ignoring: infinity" in the
# journal, and user-4967.slice's pids.max still 12288; fixed in systemd 232
# (f50582649f). The user's java refused a thread at the slice's 12288;
# report must name user-4967.slice and the logind setting before 239 as the
# fix, check must be critical on it, and explain on the journal's line must
# say the value was ignored and to give a number.
. "$(dirname "$0")/lib.sh"

replay logind-user-slice-infinity-ignored pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN binding='/user.slice/user-4967.slice' \
	evidence='pids.current 12288 = pids.max 12288' advice='`UserTasksMax=' \
	not_verdict=rlimit_nproc not_verdict=pid_max not_verdict=threads_max rec.cgroups.pids.1.max=12288
first_fix cgroup_pids_limit "The user's slice is logind's"
check_crit 'CRIT pids.max /user.slice/user-4967.slice: 12288 of 12288 (100 %)'
"$FORKEXPLAIN" explain 'systemd-logind[1537197]: [/etc/systemd/logind.conf:5] Failed to parse tasks maximum, ignoring: infinity' \
	>"$WORK/explain" || fail "explain exited $?"
for want in 'systemd (a TasksMax value it could not parse)' 'before it, give a number' '[cgroup_pids_limit]'; do
	grep -qF "$want" "$WORK/explain" || fail "explain lacks '$want': $(cat "$WORK/explain")"
done
"$PYTHON" -c 'import json, sys; e = json.load(open(sys.argv[1]))["events"][0]; print(e["advice"][:2])' "$WORK/report.json"
echo "ok: user-4967.slice's 12288, which logind 231 kept when it could not parse infinity, is named with logind's fix"
