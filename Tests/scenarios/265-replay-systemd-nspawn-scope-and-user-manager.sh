# Two limits systemd itself sets where the unit files say otherwise.
# A systemd-nspawn machine on Debian 12 (6.5, systemd 252): "fork rejected
# by pids controller in /machine.slice/machine-puppet001.scope/payload/...";
# raising TasksMax of systemd-nspawn@puppet001 "has no effect": machined
# creates machine-NAME.scope with TasksMax=16384 of its own
# (https://github.com/systemd/systemd/issues/32783). And systemd 228 on
# Arch (4.3, cgroup v1): user@UID.service got DefaultTasksMax=512, so a
# GNOME terminal started over D-Bus and every build in it shared 512
# (https://github.com/systemd/systemd/issues/1955, fixed in 229 by
# TasksMax=infinity in user@.service). docs/kernel-facts.md §11.168.
. "$(dirname "$0")/lib.sh"
need_root

replay nspawn-puppet-16384 pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN binding='above' \
	evidence='holds 16383 tasks' evidence='1 short of 16384' \
	advice='machined creates with TasksMax=16384 of its own whatever systemd-nspawn@.service says' \
	advice='`systemctl set-property machine-puppet001.scope TasksMax=N`' \
	advice='`systemd-nspawn --property=TasksMax=N`' \
	advice='`systemctl set-property systemd-nspawn@puppet001.service TasksMax=N`' \
	advice='4 java processes among the top holders hold 16200 threads' \
	not_advice='ships TasksMax=16384;' rec.container.manager=systemd-nspawn \
	rec.cgroups.pids.0.path=/system.slice/system-puppetserver.slice/puppetserver@003.service \
	rec.cgroups.pids.0.events_max=212 rec.cgroups.pids.3.path=/ rec.cgroups.pids.3.current=16383
rc=0
FORKEXPLAIN_PROC_ROOT="$WORK/machine/proc" FORKEXPLAIN_SYS_ROOT="$WORK/machine/sys" "$FORKEXPLAIN" check >"$WORK/check" || rc=$?
[ "$rc" = 0 ] || fail "check exited $rc: the visible limits have room: $(cat "$WORK/check")"
grep -qF 'holds 16383 tasks, 1 short of 16384' "$WORK/check" &&
	grep -qF 'were refused 212 times (its pids.events), by no level visible here' "$WORK/check" &&
	grep -qF 'machine-puppet001.scope' "$WORK/check" || fail "check does not say a hidden limit binds: $(cat "$WORK/check")"
FORKEXPLAIN_PROC_ROOT="$WORK/machine/proc" FORKEXPLAIN_SYS_ROOT="$WORK/machine/sys" "$FORKEXPLAIN" check --format json \
	>"$WORK/check.json" || true
"$PYTHON" -c 'import json,sys; h=json.load(open(sys.argv[1]))["hidden_pids_limit"]; sys.exit(0 if "16384" in h["note"] and h["fixes"] else 1)' \
	"$WORK/check.json" || fail "check's JSON lacks hidden_pids_limit: $(cat "$WORK/check.json")"

spare_uid 62640 62679
replay_as "$SPARE_UID" arch-user-service-512 fork EAGAIN
expect verdict=cgroup_pids_limit family=denial call=fork errno=EAGAIN \
	binding="/user.slice/user-$SPARE_UID.slice/user@$SPARE_UID.service" evidence='pids.current 512 = pids.max 512' \
	evidence="systemd 228's DefaultTasksMax=512 on the user's own service manager" \
	advice='`systemctl edit user@.service` with `[Service]` `TasksMax=infinity`' \
	advice="systemctl set-property user@$SPARE_UID.service TasksMax=1024" not_verdict=rlimit_nproc \
	rec.limits.nproc.soft=63575 rec.cgroups.pids.1.max=4096
echo "ok: machined's own 16384 told from systemd-nspawn@.service's; systemd 228's user@.service 512 fixed in the template"
